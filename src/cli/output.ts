// CLI output: human text in Vietnamese on stdout, or one JSON document with --json; errors on stderr with their code.
// Exit codes (issue 2): 0 ok, 1 failure with the error code printed, 2 usage.
import type { ApiError } from '../api/errors.ts';

export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export interface Out {
  json: boolean;
  stdout(s: string): void;
  stderr(s: string): void;
}

export function printError(out: Out, error: ApiError): number {
  if (out.json) out.stdout(JSON.stringify({ ok: false, error }, null, 2) + '\n');
  out.stderr(`Lỗi [${error.code}]: ${error.message}\n`);
  return EXIT_FAIL;
}

export function printJson(out: Out, value: unknown): void {
  out.stdout(JSON.stringify(value, null, 2) + '\n');
}

export function formatDate(iso: string | null): string {
  if (!iso) return '          ';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}
