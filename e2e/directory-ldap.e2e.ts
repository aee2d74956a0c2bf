// The LDAP source in the UI: with an IT policy naming an LDAP server (here a real slapd from scripts/ldap, LDAPS with
// the test CA), the directory offers "Cập nhật từ LDAP"; the people it brings are found by search at once. With the
// server gone, the same button says in Vietnamese that the server cannot be reached and the directory is kept.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { errorMessage } from '../src/api/errors.ts';
import type { LdapConfigInput } from '../src/directory/index.ts';
import { createEngine, type Engine } from '../src/engine/index.ts';
import { createFileLogger } from '../src/platform/log.ts';
import { createKeytarSecretStore } from '../src/secrets/keytar.ts';
import { ensureRendererBuilt } from '../harness/build.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { startLdap, type LdapServer } from '../scripts/ldap/server.ts';
import { GROUPS_DN, SEED_PEOPLE, UNITS_DN, loadShippedDirectory } from '../scripts/ldap/seed.ts';
import { launch, screenshot, seriousA11yViolations, type Session } from './support/browser.ts';

describe('directory UI with an LDAP source', { timeout: 180_000 }, () => {
  let ldap: LdapServer;
  let dir: string;
  let engine: Engine;
  let harness: Harness;
  let session: Session;
  let page: Page;
  const total = loadShippedDirectory().entries.length + SEED_PEOPLE.length;

  before(async () => {
    await ensureRendererBuilt();
    ldap = await startLdap();
    dir = mkdtempSync(join(tmpdir(), 'tcv-directory-ldap-e2e-'));
    const policy: LdapConfigInput = {
      url: ldap.ldapsUrl,
      caFile: ldap.ca,
      baseDn: ldap.baseDn,
      units: { baseDn: UNITS_DN, scope: 'one' },
      groups: { baseDn: GROUPS_DN, scope: 'one' },
      attributes: { unit: { aliases: 'cn', status: 'businessCategory', successor: 'seeAlso' } },
      pageSize: 25,
      timeoutMs: 5000,
    };
    const profileDir = join(dir, 'profile');
    // No account is needed here and the bind is anonymous: the keychain is never asked.
    engine = await createEngine({
      profileDir,
      secrets: createKeytarSecretStore('Thư Công Vụ (e2e directory ldap)'),
      log: createFileLogger(join(profileDir, 'logs', 'engine.log')),
      directoryLdap: () => policy,
    });
    harness = await startHarness({ profileDir, engine });
    session = await launch();
    page = session.page;
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Danh bạ' }).click();
  });

  after(async () => {
    await session?.close();
    await harness?.close();
    await engine?.close();
    await ldap?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('"Cập nhật từ LDAP" fills the directory; search finds the people at once', async () => {
    await page.getByText('Danh bạ chưa có mục nào', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Cập nhật từ LDAP' }).click();
    const result = page.getByTestId('directory-ldap-result');
    await result.waitFor();
    assert.equal((await result.innerText()).trim(), `Đã cập nhật danh bạ từ máy chủ LDAP: ${total} mục.`);
    await page.getByText(`${total} mục`, { exact: true }).waitFor();

    await page.getByTestId('directory-search').fill('nguyen van an');
    await page.getByRole('heading', { name: 'Kết quả tìm "nguyen van an"' }).waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="directory-list"] [role="option"]')?.getAttribute('data-entry-id') ===
        'nguyenvanan',
    );
    await page.getByTestId('directory-list').locator('[data-entry-id="nguyenvanan"]').click();
    await page.locator('#directory-entry-name').filter({ hasText: 'Nguyễn Văn An' }).waitFor();
    await page.locator('[data-entry-link="stc"]').waitFor();
    await screenshot(page, 'directory-ldap-synced-vi');
    assert.deepEqual(await seriousA11yViolations(page), [], 'axe: after the LDAP sync');
  });

  test('with the server gone, the button says so in Vietnamese and the directory is kept', async () => {
    await ldap.stop();
    await page.getByRole('button', { name: 'Cập nhật từ LDAP' }).click();
    const result = page.getByTestId('directory-ldap-result');
    await page.waitForFunction(
      (m) => document.querySelector('[data-testid="directory-ldap-result"]')?.textContent?.trim() === m,
      errorMessage('LDAP_UNREACHABLE', 'vi'),
    );
    assert.equal(await result.getAttribute('role'), 'alert');
    await page.getByTestId('directory-search').fill('');
    await page.getByText(`${total} mục`, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Update from LDAP' }).waitFor();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    assert.equal((await result.innerText()).trim(), errorMessage('LDAP_UNREACHABLE', 'en'));
    await screenshot(page, 'directory-ldap-unreachable-en-dark');
    assert.deepEqual(await seriousA11yViolations(page), [], 'axe: LDAP unreachable');
  });
});
