// Shared set-up of the reader's end-to-end tests (e2e/hostile.e2e.ts, e2e/reader.e2e.ts): mail stored straight into
// a folder of the run's own (doveadm save: no delivery, nothing in anyone's INBOX), a harness with its own profile and
// keychain service, chuyenvien@ added through the contract, and Chromium with every request recorded three ways
// (Playwright routing, CDP Network, CDP Log) plus dialogs and console messages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { connectHarness } from '../../../harness/client.ts';
import type { Harness } from '../../../harness/server.ts';
import { doveadm, doveadmSave, type StackInfo } from '../../../scripts/mailstack/index.ts';
import { openApp, ownProfile } from '../../../e2e/support/app.ts';
import { seriousA11yViolations, type Session } from '../../../e2e/support/browser.ts';
import { accountParams, stack, user } from '../../support/stack.ts';

export interface SeenRequest {
  url: string;
  /** Playwright's resource type (document, image, stylesheet, font, …). */
  type: string;
  frame: string;
}

export interface CdpRequest {
  id: string;
  url: string;
  /** CDP's type (Document, Image, Stylesheet, Font, …). */
  type: string;
  /** Set when the request failed; `blockedReason` says who refused it (csp, inspector…). */
  failed?: { error: string; blockedReason?: string };
}

export interface Recorder {
  /** Every request Playwright routed (everything the page or its frames asked the network for). */
  routed: SeenRequest[];
  /** Every request CDP saw being prepared, including those refused before the network (CSP, mixed content). */
  cdp: Map<string, CdpRequest>;
  /** CDP Log entries (security messages: CSP refusals, blocked script execution). */
  log: Array<{ source: string; level: string; text: string }>;
  console: string[];
  dialogs: string[];
  /** Marks the current length of every list, so a step can look at what happened after it. */
  mark(): RecorderMark;
}

export interface RecorderMark {
  routed: number;
  cdp: number;
  log: number;
  console: number;
  dialogs: number;
}

export interface ReaderE2E {
  stack: StackInfo;
  email: string;
  folder: string;
  harness: Harness;
  session: Session;
  page: Page;
  rec: Recorder;
  /** The harness's own origin: the only one the app may talk to. */
  origin: string;
  close(): Promise<void>;
}

export async function startReaderE2E(opts: { folder: string; messages: Buffer[] }): Promise<ReaderE2E> {
  const info = await stack();
  const email = user(info, 'personal').email;
  await doveadm(info, ['mailbox', 'create', '-u', email, opts.folder]);
  for (const raw of opts.messages) await doveadmSave(info, email, opts.folder, raw);

  const dir = mkdtempSync(join(tmpdir(), 'tcv-reader-e2e-'));
  const { harness, session, page, close } = await openApp({
    ...ownProfile(dir, 'reader'),
    trustedCaFiles: [info.ca],
  });
  const api = await connectHarness(harness.url);
  const added = await api.call('accounts.add', accountParams(info, 'personal'));
  await api.close();
  if (!added.ok) {
    await close();
    throw new Error(`accounts.add: ${added.error.code} ${added.error.message}`);
  }
  const rec = await record(page, await session.context.newCDPSession(page));
  const origin = new URL(harness.url).origin;

  return {
    stack: info,
    email,
    folder: opts.folder,
    harness,
    session,
    page,
    rec,
    origin,
    async close() {
      await close();
      rmSync(dir, { recursive: true, force: true });
      await doveadm(info, ['mailbox', 'delete', '-u', email, opts.folder]).catch(() => undefined);
    },
  };
}

async function record(page: Page, cdp: CDPSession): Promise<Recorder> {
  const rec: Recorder = {
    routed: [],
    cdp: new Map(),
    log: [],
    console: [],
    dialogs: [],
    mark: () => ({
      routed: rec.routed.length,
      cdp: rec.cdp.size,
      log: rec.log.length,
      console: rec.console.length,
      dialogs: rec.dialogs.length,
    }),
  };
  // Page routes run before the context's guard (e2e/support/browser.ts), which then blocks anything not on loopback.
  await page.route('**/*', (route) => {
    const r = route.request();
    rec.routed.push({ url: r.url(), type: r.resourceType(), frame: r.frame().url() });
    return route.fallback();
  });
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => {
    rec.cdp.set(e.requestId, { id: e.requestId, url: e.request.url, type: e.type ?? 'Other' });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = rec.cdp.get(e.requestId);
    if (r) r.failed = { error: e.errorText, ...(e.blockedReason ? { blockedReason: e.blockedReason } : {}) };
  });
  await cdp.send('Log.enable');
  cdp.on('Log.entryAdded', (e) => rec.log.push({ source: e.entry.source, level: e.entry.level, text: e.entry.text }));
  page.on('console', (m) => rec.console.push(`${m.type()}: ${m.text()}`));
  page.on('dialog', (d) => {
    rec.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  return rec;
}

/** Requests since `mark` that went (or tried to go) anywhere but `origin`. */
export function foreignSince(rec: Recorder, mark: RecorderMark, origin: string) {
  const foreign = (url: string) => {
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return false;
    try {
      return new URL(url).origin !== origin;
    } catch {
      return true;
    }
  };
  return {
    routed: rec.routed.slice(mark.routed).filter((r) => foreign(r.url)),
    cdp: [...rec.cdp.values()].slice(mark.cdp).filter((r) => foreign(r.url)),
  };
}

/**
 * Console/log lines since `mark` that show a script ran: the vectors' marker, a dialog call a sandbox without
 * allow-modals ignored (it only gets that far if script runs), a form submitted or a window opened.
 */
export function scriptRanSince(rec: Recorder, mark: RecorderMark, marker: string): string[] {
  return linesSince(rec, mark).filter(
    (l) =>
      l.includes(marker) ||
      /Ignored call to '(alert|confirm|prompt|print)\(\)'/.test(l) ||
      /Blocked form submission/.test(l) ||
      /Blocked opening/.test(l),
  );
}

/**
 * Chromium's note that the sandbox refused a script ("Blocked script execution in '<document>'"), since `mark`: the
 * proof that something tried, and where. The reader parses hostile HTML in the mail document's own (sandboxed) realm,
 * so a handler attribute that reaches the parser is refused there; in any other document it would be a finding.
 */
export function sandboxRefusalsSince(rec: Recorder, mark: RecorderMark): string[] {
  return linesSince(rec, mark)
    .filter((l) => /Blocked script execution in '/.test(l))
    .map((l) => /Blocked script execution in '([^']*)'/.exec(l)?.[1] ?? l);
}

function linesSince(rec: Recorder, mark: RecorderMark): string[] {
  return [...rec.console.slice(mark.console), ...rec.log.slice(mark.log).map((l) => `${l.source}: ${l.text}`)];
}

/** CSP refusals logged since `mark`. */
export function cspSince(rec: Recorder, mark: RecorderMark): string[] {
  return rec.log
    .slice(mark.log)
    .filter((l) => /Content Security Policy/i.test(l.text))
    .map((l) => l.text);
}

/** Opens the run's folder in the folder pane, then the message with this subject; resolves when the body is shown. */
export async function openMessage(page: Page, folder: string, subject: string): Promise<void> {
  const nav = page.getByRole('navigation');
  const folderButton = nav.getByRole('button', { name: new RegExp(`^${folder}`) }).first();
  if ((await folderButton.getAttribute('aria-current')) !== 'true') await folderButton.click();
  await page.getByRole('option').filter({ hasText: subject }).first().click({ timeout: 30_000 });
  await page.getByTestId('reader-subject').filter({ hasText: subject }).waitFor({ timeout: 30_000 });
}

/** Resolves when the mail document has its content (the frame was loaded and filled). */
export async function waitForMailFrame(page: Page, remote: 'allowed' | 'blocked' = 'blocked'): Promise<void> {
  // A function, not a string (the app's CSP has no 'unsafe-eval'); typed by hand, as this file has no DOM types.
  interface FrameLike {
    dataset: Record<string, string | undefined>;
    contentDocument: { body: { childNodes: { length: number } } | null } | null;
  }
  await page.waitForFunction(
    (want: string) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): FrameLike | null } }).document;
      const f = doc.querySelector('iframe[data-testid="mail-frame"]');
      return f !== null && f.dataset.remote === want && (f.contentDocument?.body?.childNodes.length ?? 0) > 0;
    },
    remote,
    { timeout: 30_000 },
  );
}

/** axe-core on the app (serious/critical only); the shared helper leaves the script-free mail document out. */
export const seriousViolations = seriousA11yViolations;
