// The HTML rules of the editor (src/shared/compose-html.ts) and the text part derived from it (src/mail/compose.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText } from '../../src/mail/compose.ts';
import {
  cleanWordHtml,
  isEmptyEditorHtml,
  pastedHtmlForEditor,
  unwrapOfficialHtml,
  withSignature,
  wrapOfficialHtml,
} from '../../src/shared/compose-html.ts';

// What Word 2016 puts on the clipboard for a bold line, a two-row table and a bulleted list (abridged, real markup).
export const WORD_CLIPBOARD = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=ProgId content=Word.Document><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:14.0pt; font-family:"Times New Roman",serif;} --></style></head>
<body lang=VI style='tab-interval:36.0pt'><!--StartFragment-->
<p class=MsoNormal align=center style='text-align:center;mso-line-height-alt:12pt'><b><span lang=VI style='font-size:14.0pt;mso-bidi-font-family:"Times New Roman"'>Báo cáo tiến độ<o:p></o:p></span></b></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
<tr style='mso-yfti-irow:0'><td width=200 valign=top style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'><p class=MsoNormal><span lang=VI>Đơn vị<o:p></o:p></span></p></td>
<td width=200 valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal><span lang=VI>Kết quả<o:p></o:p></span></p></td></tr>
<tr><td><p class=MsoNormal>Sở Tài chính</p></td><td><p class=MsoNormal>Đạt<o:p>&nbsp;</o:p></p></td></tr></table>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Mục một</p>
<!--EndFragment--></body></html>`;

test("Word's clipboard: tables, bold, alignment and text kept; Office markup gone", () => {
  const out = cleanWordHtml(WORD_CLIPBOARD);
  for (const junk of [/mso-/i, /<o:p/i, /<w:/i, /<xml/i, /<style/i, /<head/i, /class=Mso/i, /lang=/i, /\[if/i]) {
    assert.doesNotMatch(out, junk, String(junk));
  }
  assert.match(out, /<b><span[^>]*>Báo cáo tiến độ<\/span><\/b>/);
  assert.match(out, /text-align:center/);
  assert.match(out, /<table[^>]*>[\s\S]*Đơn vị[\s\S]*Kết quả[\s\S]*Sở Tài chính[\s\S]*Đạt[\s\S]*<\/table>/);
  assert.match(out, /Mục một/);
  assert.match(out, /border:solid windowtext 1\.0pt/, 'ordinary CSS declarations stay');
});

test('pasted HTML reaches the parser without a style attribute: alignment as data-tcv-align, tables and bold kept', () => {
  const out = pastedHtmlForEditor(WORD_CLIPBOARD);
  assert.doesNotMatch(out, /[\s/]style\s*=/i, 'no style attribute (CSP style-src-attr)');
  assert.match(out, /<p align=center data-tcv-align="center"><b>/);
  assert.match(out, /<table[^>]*>[\s\S]*Đơn vị[\s\S]*Sở Tài chính[\s\S]*Đạt[\s\S]*<\/table>/);
  assert.match(out, /<b>(<span[^>]*>)?Báo cáo tiến độ/);
  // Any quoting and the slash form an HTML parser also reads as an attribute; an unknown alignment is dropped.
  assert.equal(
    pastedHtmlForEditor(
      `<p/style="text-align: right">a</p><div STYLE='color:red'>b</div><p style=text-align:middle>c</p>`,
    ),
    `<p data-tcv-align="right">a</p><div>b</div><p>c</p>`,
  );
});

test('the official font is in the HTML itself, once', () => {
  const w = wrapOfficialHtml('<p>Kính gửi</p>');
  assert.match(w, /font-family: 'Times New Roman', Times, serif; font-size: 14pt/);
  assert.equal(wrapOfficialHtml(w), w, 'wrapping twice changes nothing');
  assert.equal(unwrapOfficialHtml(w), '<p>Kính gửi</p>');
  assert.equal(unwrapOfficialHtml('<p>x</p>'), '<p>x</p>');
  assert.equal(isEmptyEditorHtml('<p></p><p> &nbsp;</p>'), true);
  assert.equal(isEmptyEditorHtml('<table><tr><td><p></p></td></tr></table>'), false);
  assert.equal(isEmptyEditorHtml('<p>a</p>'), false);
});

test('the text part of an editor table: cells separated, rows on lines', () => {
  const html = wrapOfficialHtml(
    '<p><strong>Kết quả</strong></p><table><tbody><tr><th><p>Đơn vị</p></th><th><p>Kết quả</p></th></tr>' +
      '<tr><td><p>Sở Tài chính</p></td><td><p>Đạt</p></td></tr></tbody></table><ul><li><p>Mục một</p></li></ul>',
  );
  const text = htmlToText(html);
  assert.equal(text, 'Kết quả\nĐơn vị\tKết quả\nSở Tài chính\tĐạt\n\n• Mục một');
});

test('the signature goes below a new message and above the quote of a reply; none: body unchanged', () => {
  const sig = '<p>Nguyễn Văn An</p>';
  const quote = '<p></p><blockquote type="cite"><p>Thư gốc</p></blockquote>';
  assert.equal(
    withSignature('<p>Kính gửi</p>', sig, 'end'),
    '<p>Kính gửi</p><p></p><div data-tcv-signature><p>Nguyễn Văn An</p></div>',
  );
  assert.equal(withSignature(quote, sig, 'aboveQuote'), `<p></p><div data-tcv-signature>${sig}</div>${quote}`);
  assert.equal(
    withSignature(wrapOfficialHtml('<p>x</p>'), sig, 'end'),
    `<p>x</p><p></p><div data-tcv-signature>${sig}</div>`,
  );
  assert.equal(withSignature('<p>x</p>', '<p> </p>', 'end'), '<p>x</p>');
});
