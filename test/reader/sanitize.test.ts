// The reader's DOMPurify profile (renderer/features/reader/sanitize.ts), in real Chromium (DOMPurify needs a DOM):
// all 372 XSS vectors of the corpus and HTTPLeaks' leak.html go through it, and what comes out is inspected in an
// inert document: no script, no event handler, no javascript:/vbscript:/data:text/html URL, no element that fetches
// or submits, and (remote content blocked) no URL to another host at all. Benign mail markup survives. DOMPurify's own
// fixtures run with its DEFAULT config as a regression check of the DOMPurify version (upgrades, not our profile).
// The whole chain (mailparser → sanitiser → mail document with its CSP → sandbox) is e2e/hostile.e2e.ts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { launch, type Session } from '../../e2e/support/browser.ts';
import { bundleForBrowser } from './support/bundle.ts';
import { LEAK_HOST, leakHtml, purifyCases, xssVectors } from './support/hostile.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Outcome {
  html: string;
  blocked: number;
  remoteHosts: string[];
  problems: string[];
}

// Installed in the page: sanitise, then parse the output in an inert document and list anything dangerous in it.
const INSPECT = `window.__inspect = (input) => {
  const { html, allowRemote, inline } = input;
  const r = TcvReader.sanitizeMailHtml(html, { allowRemote, inline: new Map(Object.entries(inline || {})) });
  const doc = document.implementation.createHTMLDocument('');
  doc.body.innerHTML = r.html;
  const problems = [];
  const FORBIDDEN = new Set(['SCRIPT','IFRAME','FRAME','FRAMESET','OBJECT','EMBED','APPLET','FORM','INPUT','BUTTON',
    'TEXTAREA','SELECT','META','BASE','LINK','SVG','MATH','AUDIO','VIDEO','SOURCE','TRACK','PICTURE','PORTAL',
    'TEMPLATE','NOSCRIPT','MAP','AREA','IMAGE','PARAM','DIALOG']);
  const BAD_URL = /^(?:javascript|vbscript|data:text\\/html|data:(?!image\\/)|livescript|mocha)/i;
  const compact = (v) => v.replace(/[\\u0000-\\u0020\\u007f-\\u009f]/g, '');
  for (const el of doc.querySelectorAll('*')) {
    const tag = el.tagName.toUpperCase();
    if (FORBIDDEN.has(tag)) problems.push('element ' + tag);
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = compact(a.value);
      if (name.startsWith('on')) problems.push(tag + ' handler ' + name);
      if (!['title','alt'].includes(name) && BAD_URL.test(value)) problems.push(tag + ' ' + name + '=' + a.value.slice(0, 60));
      if (['srcset','action','formaction','poster','ping','xlink:href','data','codebase','dynsrc','lowsrc','http-equiv'].includes(name))
        problems.push(tag + ' attribute ' + name);
      if (name === 'href' && !/^(?:https?:|mailto:|#)/i.test(value)) problems.push(tag + ' href=' + a.value.slice(0, 60));
      if ((name === 'src' || name === 'background') && !/^(?:data:image\\/|https?:)/i.test(value))
        problems.push(tag + ' ' + name + '=' + a.value.slice(0, 60));
      if (!allowRemote && /^(?:https?:)?\\/\\//i.test(value) && name !== 'href' && name !== 'title')
        problems.push(tag + ' remote ' + name + '=' + a.value.slice(0, 60));
      if (name === 'style' && /(?:expression\\s*\\(|@import|behavior\\s*:|-moz-binding)/i.test(a.value))
        problems.push(tag + ' active style');
      if (name === 'style' && !allowRemote && /url\\(\\s*["']?\\s*(?:https?:)?\\/\\//i.test(a.value))
        problems.push(tag + ' style remote url');
    }
    if (tag === 'STYLE') {
      const css = el.textContent || '';
      if (/@import|expression\\s*\\(|behavior\\s*:|-moz-binding|@font-face/i.test(css)) problems.push('active <style>');
      if (!allowRemote && /url\\(\\s*["']?\\s*(?:https?:)?\\/\\//i.test(css)) problems.push('<style> remote url');
    }
  }
  return { html: r.html, blocked: r.blocked, remoteHosts: r.remoteHosts, problems };
}`;

describe('mail HTML sanitiser (DOMPurify profile) in Chromium', { timeout: 120_000 }, () => {
  let session: Session;
  let page: Page;
  // A string expression (this file is type-checked without DOM types); the argument travels as JSON.
  const run = (html: string, allowRemote = false, inline: Record<string, string> = {}) =>
    page.evaluate<Outcome>(`window.__inspect(${JSON.stringify({ html, allowRemote, inline })})`);

  before(async () => {
    // The renderer's module exactly as the app bundles it, and DOMPurify's own UMD build for its fixtures.
    const code = await bundleForBrowser(join(ROOT, 'renderer', 'features', 'reader', 'sanitize.ts'), 'TcvReader');
    session = await launch();
    page = session.page;
    await page.goto('about:blank');
    await page.addScriptTag({ content: code });
    await page.addScriptTag({ path: join(ROOT, 'node_modules', 'dompurify', 'dist', 'purify.js') });
    await page.addScriptTag({ content: INSPECT });
    // A script that runs in the page (it should not: nothing is ever inserted into a live document) would say so.
    await page.evaluate(`window.__ran = []; window.alert = window.confirm = window.prompt = window.print =
      (...a) => window.__ran.push(a.join(' '));`);
  });

  after(async () => {
    await session?.close();
  });

  test('every one of the 372 XSS vectors comes out harmless (remote content blocked)', async () => {
    const vectors = xssVectors();
    assert.equal(vectors.length, 372);
    const failures: string[] = [];
    for (const v of vectors) {
      const r = await run(v.payload);
      if (r.problems.length > 0) failures.push(`${v.id}: ${r.problems.join('; ')}`);
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(await page.evaluate('window.__ran'), [], 'no script ran in the page while sanitising');
    assert.deepEqual(session.blocked, [], 'sanitising made no request');
  });

  test('…and with remote content allowed, still no script and nothing but images', async () => {
    const failures: string[] = [];
    for (const v of xssVectors()) {
      const r = await run(v.payload, true);
      if (r.problems.length > 0) failures.push(`${v.id}: ${r.problems.join('; ')}`);
    }
    assert.deepEqual(failures, []);
  });

  test('HTTPLeaks leak.html: blocked, not one URL to leaking.via is left', async () => {
    const r = await run(leakHtml());
    assert.deepEqual(r.problems, []);
    assert.ok(!r.html.includes(LEAK_HOST), `left in the output: ${/[^"'\s]*leaking\.via[^"'\s]*/.exec(r.html)?.[0]}`);
    assert.ok(r.blocked > 10, `held back ${r.blocked} remote resources`);
    assert.deepEqual(r.remoteHosts, [LEAK_HOST]);
  });

  test('HTTPLeaks leak.html with remote content allowed: only image positions keep a leaking.via URL', async () => {
    const r = await run(leakHtml(), true);
    assert.deepEqual(r.problems, []);
    const kept = await page.evaluate<string[]>(`(() => {
      const doc = document.implementation.createHTMLDocument('');
      doc.body.innerHTML = ${JSON.stringify(r.html)};
      const out = [];
      for (const el of doc.querySelectorAll('*')) {
        for (const a of el.attributes) if (a.value.includes('leaking.via')) out.push(el.tagName.toLowerCase() + '[' + a.name + ']');
        if (el.tagName === 'STYLE' && (el.textContent || '').includes('leaking.via')) out.push('style');
      }
      return [...new Set(out)].sort();
    })()`);
    const allowed = new Set(['a[href]', 'a[title]', 'style']);
    for (const k of kept) {
      assert.ok(
        allowed.has(k) || /\[(src|background|style)\]$/.test(k),
        `a leaking.via URL survived in a non-image position: ${k}`,
      );
    }
  });

  test('benign mail markup survives: tables, inline styles, fonts, lists, links with their real target', async () => {
    const html = `<div style="font-family: 'Times New Roman'; color: #333"><p><b>Kính gửi</b> <i>các đơn vị</i>,</p>
      <table border="1" cellpadding="4" style="border-collapse:collapse" width="100%"><tr><th align="left">Đơn vị</th>
      <td bgcolor="#eeeeee" style="text-align:right">1.245</td></tr></table><ul><li>một</li><li>hai</li></ul>
      <font color="red" size="2">Khẩn</font> <a href="https://cantho.gov.vn/van-ban?id=1">Xem văn bản</a>
      <a href="mailto:vanthu@cantho.gov.vn">Văn thư</a> <a href="#muc-2">mục 2</a><h2 id="muc-2">Mục 2</h2>
      <blockquote>trích dẫn</blockquote><img src="data:image/png;base64,iVBORw0KGgo=" alt="ảnh"></div>`;
    const r = await run(html);
    assert.deepEqual(r.problems, []);
    for (const kept of [
      '<table border="1" cellpadding="4" style="border-collapse:collapse" width="100%">',
      '<th align="left">',
      'bgcolor="#eeeeee"',
      '<font color="red" size="2">Khẩn</font>',
      '<li>một</li>',
      'style="font-family: \'Times New Roman\'; color: #333"',
      'href="https://cantho.gov.vn/van-ban?id=1" title="https://cantho.gov.vn/van-ban?id=1" target="_blank" rel="noopener noreferrer"',
      'href="mailto:vanthu@cantho.gov.vn"',
      'href="#muc-2"',
      '<h2 id="muc-2">',
      '<blockquote>trích dẫn</blockquote>',
      'src="data:image/png;base64,iVBORw0KGgo="',
    ]) {
      assert.ok(r.html.includes(kept), `kept: ${kept}\n${r.html}`);
    }
    assert.equal(r.blocked, 0);
  });

  test('the mail-specific rules', async () => {
    const cases: Array<[string, (out: Outcome) => void]> = [
      ['<meta http-equiv="refresh" content="0;url=https://x.example/">hi', (o) => assert.equal(o.html, 'hi')],
      ['<base href="https://x.example/"><a href="a.html">a</a>', (o) => assert.equal(o.html, '<a>a</a>')],
      [
        '<form action="https://x.example/"><input name="pw"><button>Gửi</button>Mật khẩu</form>',
        (o) => assert.equal(o.html, 'GửiMật khẩu'),
      ],
      ['<link rel="stylesheet" href="https://x.example/a.css">x', (o) => assert.equal(o.html, 'x')],
      [
        '<style>@import url(https://x.example/a.css); p{color:red}</style>',
        (o) => assert.match(o.html, /^<style>\s*p\{color:red\}<\/style>$/),
      ],
      [
        '<p style="background:url(https://x.example/t.gif)">x</p>',
        (o) => {
          assert.equal(o.html, '<p style="background:none">x</p>');
          assert.equal(o.blocked, 1);
          assert.deepEqual(o.remoteHosts, ['x.example']);
        },
      ],
      [
        '<img src="//x.example/t.gif" width="1" height="1" alt="">',
        (o) => {
          assert.equal(o.html, '<img width="1" height="1" alt="" data-tcv-blocked="">');
          assert.equal(o.blocked, 1);
        },
      ],
      [
        '<img src="https://x.example/a.png" srcset="https://y.example/b.png 2x">',
        (o) => assert.ok(!o.html.includes('y.example')),
      ],
      ['<a href="javascript:alert(1)">x</a>', (o) => assert.equal(o.html, '<a>x</a>')],
      ['<a href="page.html">x</a>', (o) => assert.equal(o.html, '<a>x</a>')],
      ['<a href="file:///C:/Windows/system32/calc.exe">x</a>', (o) => assert.equal(o.html, '<a>x</a>')],
      ['<a href="https://cantho.gov.vn@evil.example/">x</a>', (o) => assert.equal(o.html, '<a>x</a>')],
      ['<a href="https://x.example/" ping="https://t.example/">x</a>', (o) => assert.ok(!o.html.includes('t.example'))],
      ['<svg><image href="https://x.example/a.png"/></svg>ok', (o) => assert.equal(o.html, 'ok')],
      ['<p style="color:red;width:expression(alert(1))">x</p>', (o) => assert.ok(!/expression\(/.test(o.html))],
      ['<p style="background:u\\72l(https://x.example/a.png)">x</p>', (o) => assert.ok(!o.html.includes('x.example'))],
      ['<div data-tcv-blocked="" data-x="1">x</div>', (o) => assert.equal(o.html, '<div>x</div>')],
      ['<img src="data:text/html,<script>alert(1)</script>">', (o) => assert.ok(!o.html.includes('data:'))],
      ['<img src="data:image/svg+xml,<svg/>">', (o) => assert.equal(o.html, '<img data-tcv-blocked="">')],
      [
        '<p style="background:url(http://x.example/a b/;color:red/*/a.jpg);">X</p>',
        (o) => assert.ok(!o.html.includes('url(')),
      ],
      ['<div href="https://x.example/">x</div>', (o) => assert.equal(o.html, '<div>x</div>')],
    ];
    for (const [input, check] of cases) {
      const out = await run(input);
      assert.deepEqual(out.problems, [], input);
      check(out);
    }
  });

  test('remote content allowed: images and CSS images kept, nothing else', async () => {
    const r = await run(
      '<img src="https://x.example/a.png"><p style="background-image:url(https://x.example/b.png)">x</p>' +
        '<style>@import "https://x.example/c.css"; .a{background:url("https://x.example/d.png")}</style>',
      true,
    );
    assert.deepEqual(r.problems, []);
    assert.ok(r.html.includes('src="https://x.example/a.png"'));
    assert.ok(r.html.includes('url(&quot;https://x.example/b.png&quot;)'), r.html);
    assert.ok(r.html.includes('url("https://x.example/d.png")'), r.html);
    assert.ok(!r.html.includes('c.css'));
    assert.equal(r.blocked, 0);
  });

  test('cid: images become the inline part given, unknown ones are held back', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const r = await run(
      '<img src="cid:Logo@So" alt="a"><img src="cid:unknown@x" alt="b"><td background="cid:logo@so">x</td>',
      false,
      { 'logo@so': png },
    );
    assert.ok(r.html.includes(`<img src="${png}" alt="a">`), r.html);
    assert.ok(r.html.includes('<img alt="b" data-tcv-blocked="">'), r.html);
    assert.equal(r.blocked, 0);
  });

  test("DOMPurify's own fixtures with its default config (regression check of the DOMPurify version)", async () => {
    const cases = purifyCases();
    const differ = await page.evaluate<Array<{ index: number; title: string; got: string }>>(
      `(${JSON.stringify(cases)}).map((c) => ({ c, got: DOMPurify.sanitize(c.payload) }))
        .filter(({ c, got }) => !(Array.isArray(c.expected) ? c.expected.includes(got) : c.expected === got))
        .map(({ c, got }) => ({ index: c.index, title: c.title, got }))`,
    );
    // The fixtures are DOMPurify 3.4.14's, checked upstream in jsdom and older browsers. Where this version in this
    // Chromium removes MORE (outputs nothing: <isindex> no longer parsed as a form, clobbering forms dropped whole,
    // <selectedcontent> now a known element), that is stricter and fine; any other difference needs a human look.
    const notStricter = differ.filter((d) => d.got !== '');
    assert.deepEqual(notStricter, [], 'DOMPurify output changed in a way that is not simply stricter');
    assert.ok(differ.length <= 15, `${differ.length} fixtures differ (all stricter): ${differ.map((d) => d.index)}`);
  });
});
