// The IT policy in effect, as `tcv doctor` shows it to IT staff (docs/policy.md "tcv doctor"): which file, which
// version, the domains and (locked) servers, the CA, the settings fixed for everyone, or why the file is not applied.
// Unlike policy.get (PolicyView, for the renderer) this includes file paths: it is for the person at the machine.
import { errorMessage, type ErrorCode } from '../api/errors.ts';
import type { PolicyState } from './load.ts';
import type { Policy } from './schema.ts';

type Server = NonNullable<Policy['imap']>;

export interface PolicyReport {
  /** none: no file at the path (or no path); ok: applied; invalid: the file is there but NOT applied. */
  status: PolicyState['status'];
  /** The file looked at (platform path, TCV_POLICY or --policy); null when none is configured. */
  path: string | null;
  version: number | null;
  organisation: string | null;
  domains: string[];
  imap: Server | null;
  smtp: Server | null;
  lockServers: boolean;
  caFile: string | null;
  /** Keys of the settings fixed for every user (their values are in the file). */
  lockedSettings: string[];
  /** Why the file is not applied: the code, its Vietnamese message and the technical detail. */
  error: { code: ErrorCode; message: string; detail: string } | null;
}

export function policyReport(state: PolicyState): PolicyReport {
  const empty = {
    status: state.status,
    path: state.path,
    version: null,
    organisation: null,
    domains: [],
    imap: null,
    smtp: null,
    lockServers: false,
    caFile: null,
    lockedSettings: [],
    error: null,
  };
  if (state.status === 'none') return empty;
  if (state.status === 'invalid') {
    const { code, detail } = state.error;
    return { ...empty, error: { code, message: errorMessage(code), detail } };
  }
  const p = state.policy;
  return {
    ...empty,
    version: p.version,
    organisation: p.organisation ?? null,
    domains: p.domains,
    imap: p.imap ?? null,
    smtp: p.smtp ?? null,
    lockServers: p.lockServers,
    caFile: p.caFile ?? null,
    lockedSettings: Object.keys(p.lockedSettings).sort(),
  };
}

const server = (s: Server) => `${s.host}:${s.port} (${s.security === 'tls' ? 'TLS trực tiếp' : 'STARTTLS'})`;

/** The report in Vietnamese, one fact a line, for `tcv doctor` (first line: the verdict and the file). */
export function policyReportText(r: PolicyReport): string {
  const where = r.path ?? '(không có đường dẫn)';
  if (r.status === 'none') return `Chính sách của đơn vị: không có chính sách (${where}).\n`;
  if (r.status === 'invalid' && r.error) {
    return `⚠ Chính sách của đơn vị: ${where}\n   ${r.error.message}\n   (${r.error.code}: ${r.error.detail})\n`;
  }
  const lines = [`Chính sách của đơn vị: ${where} (phiên bản ${r.version})`];
  if (r.organisation) lines.push(`   Đơn vị: ${r.organisation}`);
  if (r.domains.length) lines.push(`   Tên miền: ${r.domains.join(', ')}`);
  const lock = r.lockServers ? ' — bị khóa, người dùng không đổi được' : '';
  if (r.imap) lines.push(`   Máy chủ nhận thư (IMAP): ${server(r.imap)}${lock}`);
  if (r.smtp) lines.push(`   Máy chủ gửi thư (SMTP): ${server(r.smtp)}${lock}`);
  lines.push(`   Chứng chỉ CA của đơn vị: ${r.caFile ?? 'không có (chỉ dùng chứng chỉ của hệ điều hành)'}`);
  lines.push(
    `   Cài đặt do bộ phận CNTT quy định: ${r.lockedSettings.length ? r.lockedSettings.join(', ') : 'không có'}`,
  );
  return lines.join('\n') + '\n';
}
