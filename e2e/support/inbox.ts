// A second, independent witness for compose e2e tests: the raw messages whose subject contains a needle in a stack
// user's INBOX, fetched over IMAPS with the stack's CA, waiting until they arrive; removed afterwards on request.
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import type { StackInfo } from '../../scripts/mailstack/index.ts';

export async function rawMessages(
  info: StackInfo,
  email: string,
  needle: string,
  opts: { wait?: number; remove?: boolean } = {},
): Promise<Buffer[]> {
  const u = info.users.find((x) => x.email === email);
  if (!u) throw new Error(`no stack user ${email}`);
  const client = new ImapFlow({
    host: info.imap.host,
    port: info.imap.tlsPort,
    secure: true,
    auth: { user: email, pass: u.password },
    tls: { ca: [readFileSync(info.ca, 'utf8')] },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  const deadline = Date.now() + (opts.wait ?? 0);
  try {
    for (;;) {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.noop();
        const uids = (await client.search({ subject: needle }, { uid: true })) || [];
        if (uids.length || Date.now() >= deadline) {
          const out: Buffer[] = [];
          for (const uid of uids) {
            const m = await client.fetchOne(String(uid), { source: true }, { uid: true });
            if (m && m.source) out.push(m.source);
          }
          if (uids.length && opts.remove) await client.messageDelete(uids, { uid: true });
          return out;
        }
      } finally {
        lock.release();
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}
