// Mail CSS filter (renderer/features/reader/css.ts): pure, run in Node.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cleanCss } from '../../renderer/features/reader/css.ts';

const blocked = (css: string) => {
  const seen: string[] = [];
  const out = cleanCss(css, { allowRemote: false, onRemote: (u, kept) => seen.push(`${kept ? '+' : '-'}${u}`) });
  return { out, seen };
};

describe('mail CSS', () => {
  test('ordinary styles pass untouched', () => {
    const css = 'p { color: #a4262c; font: 14px/1.4 "Times New Roman", serif; } td { border: 1px solid #ccc }';
    assert.equal(cleanCss(css, { allowRemote: false }), css);
  });

  test('remote URLs become none when blocked and are counted; kept when allowed', () => {
    const { out, seen } = blocked(
      '.a{background:url(https://x.example/a.png) no-repeat} .b{list-style:url(//y.example/b.gif)}',
    );
    assert.equal(out, '.a{background:none no-repeat} .b{list-style:none}');
    assert.deepEqual(seen, ['-https://x.example/a.png', '-//y.example/b.gif']);
    assert.equal(
      cleanCss(".a{background:url('https://x.example/a.png')}", { allowRemote: true }),
      '.a{background:url("https://x.example/a.png")}',
    );
  });

  test('@import, @font-face, expression(), behavior, -moz-binding go, whatever the remote setting', () => {
    for (const allowRemote of [false, true]) {
      const out = cleanCss(
        '@import url(https://x.example/a.css); @import "b.css" screen; @font-face { font-family: X; src: url(https://x.example/f.woff) }' +
          ' p { width: expression(alert(1)); behavior: url(x.htc); -moz-binding: url(x.xml#y) }',
        { allowRemote },
      );
      assert.ok(!/@import|@font-face|expression\(|behavior:|-moz-binding:|x\.htc|x\.xml/.test(out), out);
    }
  });

  test('escapes cannot smuggle url( past the filter', () => {
    assert.equal(cleanCss('p{background:u\\72l(https://x.example/a.png)}', { allowRemote: false }), '');
    assert.equal(cleanCss('p{background:\\75 rl(https://x.example/a.png)}', { allowRemote: true }), '');
    // An escape that hides nothing is kept.
    assert.equal(cleanCss('q::before{content:"\\201C"}', { allowRemote: false }), 'q::before{content:"\\201C"}');
  });

  test('a url( cut by a comment or left open is neutralised', () => {
    const out = cleanCss('background:url(http://foo.f/f oo/;color:red/*/foo.jpg);', { allowRemote: true });
    assert.ok(!/url\(/.test(out), out);
    assert.ok(!/url\(/.test(cleanCss('background:url(https://x.example/a.png', { allowRemote: true })));
  });

  test('image-set, image(), cross-fade() and remote strings', () => {
    assert.equal(
      blocked('a{background:image-set("https://x.example/1.png" 1x, "https://x.example/2.png" 2x)}').out,
      'a{background:none}',
    );
    assert.match(
      cleanCss('a{background:image-set("https://x.example/1.png" 1x)}', { allowRemote: true }),
      /image-set\("https:\/\/x\.example\/1\.png" 1x\)/,
    );
    assert.ok(!blocked("a{background-image:image('https://x.example/a.png')}").out.includes('x.example'));
    assert.ok(!blocked('a{background:cross-fade(url(https://x.example/a.png), red)}').out.includes('x.example'));
    assert.equal(blocked('a::after{content:"https://x.example/"}').out, 'a::after{content:""}');
  });

  test('cid: URLs become the inline part, data: images stay, other data: and relative URLs go', () => {
    const inline = new Map([['logo@so', 'data:image/png;base64,AA==']]);
    assert.equal(
      cleanCss(
        'a{background:url(cid:Logo@So)} b{background:url(data:image/gif;base64,R0)} c{background:url(data:text/html,x)} d{background:url(x.png)}',
        {
          allowRemote: false,
          inline,
        },
      ),
      'a{background:url("data:image/png;base64,AA==")} b{background:url("data:image/gif;base64,R0")} c{background:none} d{background:none}',
    );
  });
});
