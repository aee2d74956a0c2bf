import { z } from 'zod';
import type { AccountConnectionEvent, AccountSummary, AppInfo, DoctorReport, EnvironmentReport } from '../types.ts';
import { accountId, email, endpoint, method } from './define.ts';

export const accountMethods = {
  'app.info': method<AppInfo>()(z.object({})),
  'accounts.list': method<AccountSummary[]>()(z.object({})),
  'accounts.add': method<AccountSummary>()(
    z.object({
      email,
      displayName: z.string().max(200).optional(),
      kind: z.enum(['personal', 'unit']).default('personal'),
      username: z.string().max(320).optional(),
      imap: endpoint,
      smtp: endpoint,
      caFile: z.string().max(4096).optional(),
      password: z.string().min(1).max(1024),
      /** Connect and log in before saving, so a wrong password is caught at once. */
      verify: z.boolean().default(true),
    }),
  ),
  'accounts.remove': method<{ removed: boolean }>()(z.object({ accountId })),
  'accounts.diagnose': method<DoctorReport>()(z.object({ accountId })),
  /** The doctor's checks that need no account: the OS keychain, and the IT policy's servers (TCP, TLS). */
  'app.diagnose': method<EnvironmentReport>()(z.object({})),
  /** Last known reachability of each account's server (the state account.connection reported; none before a try). */
  'accounts.connection': method<AccountConnectionEvent[]>()(z.object({})),
} as const;
