// Child process for the streaming test: builds a message with a large attachment and APPENDs it, so that the test
// process itself never holds the data and its memory shows only what the engine uses to open it.
// Usage: node append-big.ts CONFIG_JSON   (prints the attachment's sha256 and size)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';

const cfg = JSON.parse(process.argv[2] as string) as {
  host: string;
  port: number;
  ca: string;
  user: string;
  pass: string;
  folder: string;
  megabytes: number;
};

export function bigAttachment(megabytes: number): Buffer {
  const big = Buffer.alloc(megabytes * 1024 * 1024);
  for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);
  return big;
}

const big = bigAttachment(cfg.megabytes);
const raw = [
  'From: =?UTF-8?B?VsSDbiB0aMawIFPhu58=?= <vanthu@cantho.gov.vn>',
  'To: lanhdao@cantho.gov.vn',
  'Subject: =?UTF-8?B?SOG7kyBzxqEgc+G7kSBow7NhIGLhuqNu?=',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="zz"',
  '',
  '--zz',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Kính gửi lãnh đạo, gửi kèm hồ sơ số hóa.',
  '--zz',
  'Content-Type: application/octet-stream; name="Ho so so hoa.bin"',
  "Content-Disposition: attachment; filename*=UTF-8''H%E1%BB%93%20s%C6%A1%20s%E1%BB%91%20h%C3%B3a.bin",
  'Content-Transfer-Encoding: base64',
  '',
  big.toString('base64').replace(/.{76}/g, '$&\r\n'),
  '--zz--',
  '',
].join('\r\n');
const c = new ImapFlow({
  host: cfg.host,
  port: cfg.port,
  secure: false,
  doSTARTTLS: true,
  auth: { user: cfg.user, pass: cfg.pass },
  tls: { ca: [readFileSync(cfg.ca, 'utf8')] },
  logger: false,
});
await c.connect();
await c.mailboxCreate(cfg.folder);
await c.append(cfg.folder, raw);
await c.logout();
process.stdout.write(JSON.stringify({ sha256: createHash('sha256').update(big).digest('hex'), size: big.length }));
