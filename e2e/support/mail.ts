// Mail-side helpers for end-to-end tests and the demo: deliver a message into a stack mailbox through Postfix's
// unauthenticated inbound port (the way mail from outside arrives), and look a message up by IMAP as a second,
// independent witness of what the UI shows.
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';
import { injectMessage, type StackInfo } from '../../scripts/mailstack/index.ts';

export interface Outgoing {
  from: string;
  to: string | string[];
  cc?: string[];
  subject: string;
  text: string;
  date?: Date;
  inReplyTo?: string;
  references?: string[];
  messageId?: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>;
}

/** Builds the raw message (nodemailer's MailComposer: RFC 2047/2231 for Vietnamese subjects and file names). */
export async function composeRaw(msg: Outgoing): Promise<Buffer> {
  const composer = new MailComposer({
    from: msg.from,
    to: msg.to,
    cc: msg.cc,
    subject: msg.subject,
    text: msg.text,
    date: msg.date ?? new Date(),
    inReplyTo: msg.inReplyTo,
    references: msg.references,
    messageId: msg.messageId,
    attachments: msg.attachments,
  });
  return composer.compile().build();
}

function addresses(value: string | string[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.map((a) => /<([^<>]+)>/.exec(a)?.[1] ?? a.trim());
}

/**
 * Delivers through the stack's inbound port (no authentication, local domains only), the way mail from outside
 * arrives, and resolves once Postfix has handed it to every mailbox.
 */
export async function deliver(stack: StackInfo, msg: Outgoing): Promise<void> {
  const rcpt = [...addresses(msg.to), ...addresses(msg.cc)];
  await injectMessage(stack, await composeRaw(msg), rcpt);
}

function passwordOf(stack: StackInfo, email: string): string {
  const user = stack.users.find((u) => u.email === email);
  if (!user) throw new Error(`no stack user ${email}`);
  return user.password;
}

export interface FoundMessage {
  uid: number;
  subject: string;
  from: string;
  attachments: string[];
}

/** Waits until a message with exactly this subject is in the user's INBOX (IMAPS with the stack's CA). */
export async function waitForSubject(
  stack: StackInfo,
  email: string,
  subject: string,
  timeoutMs = 20_000,
): Promise<FoundMessage> {
  const deadline = Date.now() + timeoutMs;
  const client = new ImapFlow({
    host: stack.imap.host,
    port: stack.imap.tlsPort,
    secure: true,
    auth: { user: email, pass: passwordOf(stack, email) },
    tls: { ca: [readFileSync(stack.ca, 'utf8')], rejectUnauthorized: true },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (;;) {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const uids = (await client.search({ header: { subject } }, { uid: true })) || [];
        for (const uid of uids.slice(-20)) {
          const m = await client.fetchOne(String(uid), { envelope: true, bodyStructure: true }, { uid: true });
          if (m && m.envelope?.subject === subject) {
            const attachments: string[] = [];
            const walk = (node: {
              disposition?: string;
              dispositionParameters?: Record<string, string>;
              childNodes?: unknown[];
            }) => {
              const name = node.dispositionParameters?.filename;
              if (node.disposition === 'attachment' && name) attachments.push(name);
              for (const child of (node.childNodes ?? []) as (typeof node)[]) walk(child);
            };
            if (m.bodyStructure) walk(m.bodyStructure);
            return { uid, subject, from: m.envelope.from?.[0]?.address ?? '', attachments };
          }
        }
      } finally {
        lock.release();
      }
      if (Date.now() > deadline)
        throw new Error(`"${subject}" did not arrive in ${email}'s INBOX within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}
