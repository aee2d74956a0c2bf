// The editor never sees a style attribute (the app's CSP refuses them), the sent HTML has the inline styles a mail
// client needs (src/shared/compose-html.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BLOCKQUOTE_STYLE,
  CELL_STYLE,
  editorHtml,
  unwrapOfficialHtml,
  wrapOfficialHtml,
} from '../../src/shared/compose-html.ts';
import { replyBody } from '../../src/mail/reply.ts';

test('a reply quote and a styled draft load into the editor without style attributes, alignment kept', () => {
  const quote = replyBody({ date: null, from: null, text: 'Kính gửi.' }).html;
  assert.match(quote, new RegExp(`style="${BLOCKQUOTE_STYLE.replace(/[.()]/g, '\\$&')}"`));
  assert.doesNotMatch(editorHtml(quote), /style=/);
  const sent = wrapOfficialHtml('<p data-tcv-align="center">Giữa</p><table><tr><td><p>a</p></td></tr></table>');
  assert.match(sent, /<p style="text-align: center">Giữa<\/p>/);
  assert.match(sent, /<table style="border-collapse: collapse">/);
  assert.ok(sent.includes(`<td style="${CELL_STYLE}">`));
  const back = editorHtml(sent);
  assert.doesNotMatch(back, /style=/);
  assert.match(back, /<p data-tcv-align="center">Giữa<\/p>/);
  assert.equal(wrapOfficialHtml(unwrapOfficialHtml(sent)), sent, 'wrapping again changes nothing');
  assert.equal(editorHtml("<p style='TEXT-ALIGN: Right; color: red'>x</p>"), '<p data-tcv-align="right">x</p>');
  assert.equal(editorHtml('<div style="color:red">x</div>'), '<div>x</div>');
});
