// A stack user's own IMAP session for tests (a second, independent witness of the server's state): STARTTLS on the
// plain port, verified against the stack's CA, connected. Errors after the test's last command are ignored.
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import type { Role, StackInfo } from '../../scripts/mailstack/index.ts';
import { user } from './stack.ts';

export async function imapAs(info: StackInfo, role: Role): Promise<ImapFlow> {
  const u = user(info, role);
  const client = new ImapFlow({
    host: info.imap.host,
    port: info.imap.port,
    secure: false,
    doSTARTTLS: true,
    auth: { user: u.email, pass: u.password },
    tls: { ca: [readFileSync(info.ca, 'utf8')] },
    logger: false,
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}
