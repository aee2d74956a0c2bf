// `tcv account discover EMAIL`: what discovery finds for an address and everything it tried (docs/accounts.md).
import type { DiscoveryCandidate, DiscoveryResult, DiscoverySource } from '../../api/types-accounts.ts';
import type { ServerEndpoint } from '../../api/types.ts';

export const SOURCE_LABEL: Record<DiscoverySource, string> = {
  policy: 'theo chính sách của đơn vị',
  autoconfig: 'theo cấu hình tự động của nhà cung cấp',
  provider: 'theo danh sách nhà cung cấp có sẵn',
  srv: 'theo bản ghi DNS (SRV)',
  guess: 'theo dò thử máy chủ',
};

const mark = { found: '✔', none: '–', skipped: '–', rejected: '✘', failed: '✘', timeout: '⌛' } as const;

const endpoint = (e: ServerEndpoint) => `${e.host}:${e.port} ${e.security === 'tls' ? 'TLS' : 'STARTTLS'}`;

export function describeCandidate(c: DiscoveryCandidate): string {
  return (
    `Nguồn: ${SOURCE_LABEL[c.source]} (${c.origin})${c.locked ? ' — bị khóa, không thay đổi được' : ''}\n` +
    `  Nhận thư (IMAP): ${endpoint(c.imap)}\n` +
    `  Gửi thư (SMTP):  ${endpoint(c.smtp)}\n` +
    (c.username ? `  Tên đăng nhập:   ${c.username}\n` : '')
  );
}

export function describeDiscovery(r: DiscoveryResult): string {
  const head = r.candidates[0]
    ? `Cấu hình máy chủ cho ${r.email}:\n${describeCandidate(r.candidates[0])}`
    : `Không tìm được cấu hình máy chủ cho ${r.email}: hãy nhập máy chủ (--imap HOST:PORT --smtp HOST:PORT).\n`;
  const tried = r.tried
    .map(
      (a) =>
        `  ${mark[a.outcome]} ${a.source.padEnd(10)} ${a.target}  ${a.outcome}${a.code ? ` [${a.code}]` : ''}` +
        `${a.detail ? ` ${a.detail}` : ''} (${a.ms} ms)\n`,
    )
    .join('');
  return `${head}Đã thử / tried:\n${tried}`;
}
