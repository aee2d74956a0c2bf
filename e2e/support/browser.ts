// Chromium for end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core (never `playwright install`,
// which downloads browsers), with the flags testing.md found necessary, a private HOME/XDG/TMPDIR so nothing is
// written to the real home, and every request that is not to 127.0.0.1 blocked and recorded.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.TCV_CHROMIUM ?? '/usr/bin/chromium';
export const OUTPUT_DIR = join(import.meta.dirname, '..', '..', 'test-output', 'e2e');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
  // Without this Chromium still looks up Google hosts at start (testing.md).
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
];

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests the guard blocked: anything not to http(s)://127.0.0.1. Must stay empty. */
  blocked: string[];
  close(): Promise<void>;
}

export async function launch(
  opts: {
    headed?: boolean;
    /** null: the window's own size (the headed demo). */
    viewport?: { width: number; height: number } | null;
  } = {},
): Promise<Session> {
  const home = mkdtempSync(join(tmpdir(), 'tcv-chromium-'));
  for (const d of ['config', 'cache', 'tmp']) mkdirSync(join(home, d));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: !opts.headed,
    args: CHROMIUM_ARGS,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
      TMPDIR: join(home, 'tmp'),
      ...(process.env.DISPLAY ? { DISPLAY: process.env.DISPLAY } : {}),
      // vi_VN.UTF-8 is not generated on these machines; C.UTF-8 keeps file names with Vietnamese letters intact.
      LANG: 'C.UTF-8',
    },
  });
  const context = await browser.newContext({
    viewport: opts.viewport === undefined ? { width: 1366, height: 800 } : opts.viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // Fluent honours reduced motion: no colour transitions half-way through a screenshot.
    reducedMotion: 'reduce',
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '127.0.0.1')
      return route.continue();
    if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    blocked.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  // CSP violations are collected in the page so a test can assert there were none. (A string, not a function: this
  // module is also type-checked without DOM types, for scripts/demo.ts.)
  await context.addInitScript(`
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(e.effectiveDirective + ': ' + (e.blockedURI || '(inline)'));
    });
  `);
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    blocked,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate<string[]>('window.__cspViolations ?? []');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** axe-core on the current screen; returns the serious and critical violations (which must be none). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    // Fluent UI's focus manager (Tabster) puts aria-hidden focus "bumpers" around toolbars and lists; they hand focus
    // on at once and are a known aria-hidden-focus false positive (microsoft/tabster#288, microsoft/fluentui#27056;
    // Accessibility Insights suppresses them the same way). Everything else on the page is checked.
    .exclude('[data-tabster-dummy]')
    // The mail document is script-free by design (sandbox without allow-scripts), so axe cannot run inside it and
    // would wait forever; its content is the sender's, not the app's (docs/reader.md).
    .exclude('iframe[data-testid="mail-frame"]')
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 5)
          // The element itself and axe's reason (for contrast: both colours and the ratio), so a finding on a
          // generated class name can be traced to the component without re-running.
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.any[0]?.message ?? ''}`.trim())
          .join(', ')}`,
    );
}
