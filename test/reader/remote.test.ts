// Remote hosts and cid: references found in raw mail HTML (src/reader/remote.ts), for the reader's bar.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cidReferences, normalizeContentId, remoteHosts } from '../../src/reader/remote.ts';
import { FIXTURES, LEAK_HOST, newsletterHtml } from './support/hostile.ts';

describe('remote hosts in mail HTML', () => {
  test('resource positions count, links do not', () => {
    const html = `<img src="https://a.example/x.png"><a href="https://link.example/">l</a>
      <td background='//b.example/bg.gif'><div style="background:url(&quot;https://c.example/c.png&quot;)"></div>
      <link rel=stylesheet href=https://d.example/s.css><meta http-equiv=refresh content="0;url=https://e.example/">
      <style>@import 'https://f.example/i.css'; .x{background:image-set("https://g.example/g.png" 1x)}</style>
      <img src="cid:logo@x"><img src="data:image/png;base64,AA==">`;
    assert.deepEqual(remoteHosts(html), [
      'a.example',
      'b.example',
      'c.example',
      'd.example',
      'e.example',
      'f.example',
      'g.example',
    ]);
  });

  test('HTTPLeaks: leaking.via is found; punycode for IDN hosts; a cap', () => {
    const leak = readFileSync(join(FIXTURES, 'httpleaks', 'leak.html'), 'utf8');
    assert.ok(remoteHosts(leak).includes(LEAK_HOST));
    assert.deepEqual(remoteHosts('<img src="https://bücher.example/a.png">'), ['xn--bcher-kva.example']);
    const many = Array.from({ length: 80 }, (_, i) => `<img src="https://h${i}.example/">`).join('');
    assert.equal(remoteHosts(many).length, 50);
    assert.deepEqual(remoteHosts(newsletterHtml()), ['anh.bantin.example', 'theodoi.quangcao.example']);
  });

  test('cid: references, normalised like Content-IDs', () => {
    assert.deepEqual(cidReferences('<img src="cid:Logo@So"><img src=\'cid:a%40b\'><p style="background:url(cid:x)">'), [
      'logo@so',
      'a@b',
      'x',
    ]);
    assert.equal(normalizeContentId('<Logo@So>'), 'logo@so');
    assert.deepEqual(cidReferences('<p>no images</p>'), []);
  });
});
