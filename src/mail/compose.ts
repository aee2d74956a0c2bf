// Building the raw message once, before anything is sent: the same bytes (and Message-ID) go to SMTP and to Sent, so a
// resend after a crash carries the same Message-ID (issue 3 "Outbox"). Text is NFC (Article 7, TCVN 6909:2001);
// nodemailer encodes headers per RFC 2047/2231 and uses UTF-8 bodies.
import MailComposer from 'nodemailer/lib/mail-composer';
import type { AccountSummary } from '../api/types.ts';

export interface ComposeInput {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
}

export interface ComposedMessage {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
  subject: string;
}

const nfc = (s: string) => s.normalize('NFC');

export async function composeMessage(
  account: AccountSummary,
  input: ComposeInput,
  now = new Date(),
): Promise<ComposedMessage> {
  const subject = nfc(input.subject).replace(/[\r\n]+/g, ' ');
  const node = new MailComposer({
    from: { name: nfc(account.displayName), address: account.email },
    to: input.to.map(nfc),
    cc: input.cc.map(nfc),
    bcc: input.bcc.map(nfc),
    subject,
    text: nfc(input.text),
    date: now,
    textEncoding: 'quoted-printable',
    headers: { 'X-Mailer': 'Thu Cong Vu' },
  }).compile();
  // Bcc recipients are in the envelope only; MailComposer leaves the Bcc header out of the built message.
  const envelope = node.getEnvelope();
  const raw = await node.build();
  return {
    raw,
    messageId: node.messageId(),
    envelope: { from: envelope.from || account.email, to: envelope.to },
    subject,
  };
}
