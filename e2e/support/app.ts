// The one set-up of an end-to-end test of the app: the renderer built, the harness started (on a test's engine or its
// own), Chromium opened on it and the app waited for; then compose opened and filled the way a user does. Every e2e
// file that drives the app through the harness starts here, so a change in how the app comes up is made once.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ensureRendererBuilt } from '../../harness/build.ts';
import { startHarness, type Harness, type HarnessOptions } from '../../harness/server.ts';
import { launch, type Session } from './browser.ts';

/** What shows that the app stands: the folder pane (an account exists) or the add-account form (none yet). */
export type AppReady = 'folders' | 'add-account';

export interface AppE2E {
  harness: Harness;
  session: Session;
  page: Page;
  /** Closes Chromium, then the harness (not an engine the test passed in: the test owns that). */
  close(): Promise<void>;
}

/**
 * Starts the harness with `opts` and opens Chromium on it. With `ready` the page is loaded and the call returns once
 * the app stands; without it the test loads the page itself (to watch the first paint, or to set things up first).
 */
export async function openApp(opts: HarnessOptions, ready?: AppReady): Promise<AppE2E> {
  await ensureRendererBuilt();
  const harness = await startHarness(opts);
  let session: Session;
  try {
    session = await launch();
  } catch (e) {
    await harness.close();
    throw e;
  }
  const app: AppE2E = {
    harness,
    session,
    page: session.page,
    async close() {
      await session.close();
      await harness.close();
    },
  };
  if (ready) await loadApp(app.page, harness.url, ready);
  return app;
}

/** Loads the app and waits until it stands (the first sync of a cold profile can take a while under load). */
export async function loadApp(page: Page, url: string, ready: AppReady = 'folders'): Promise<void> {
  await page.goto(url);
  if (ready === 'folders') await page.getByRole('navigation', { name: 'Thư mục' }).waitFor({ timeout: 30_000 });
  else await page.getByTestId('add-account-form').waitFor();
}

/** A profile of the test's own under `dir`, with its own keychain service (tests share the Secret Service). */
export function ownProfile(dir: string, name: string): Pick<HarnessOptions, 'profileDir' | 'keychainService'> {
  return {
    profileDir: join(dir, 'profile'),
    keychainService: `Thư Công Vụ (e2e ${name} ${randomBytes(3).toString('hex')})`,
  };
}

/** The compose form ("Thư mới"). */
export function composeForm(page: Page): Locator {
  return page.getByRole('form', { name: 'Thư mới' });
}

/** Opens a new message from the toolbar and fills what is given: To (typed, not chosen) and the subject. */
export async function newMessage(page: Page, fill: { to?: string; subject?: string } = {}): Promise<Locator> {
  await page.getByRole('button', { name: 'Thư mới' }).click();
  const form = composeForm(page);
  await form.waitFor();
  if (fill.to !== undefined) await form.getByRole('combobox', { name: 'Đến' }).fill(fill.to);
  if (fill.subject !== undefined) await form.getByLabel('Tiêu đề').fill(fill.subject);
  return form;
}
