// JSON-lines logger. Secrets are stripped before anything is written (style.md habit 7): by key name, and by
// pattern for AUTH PLAIN/LOGIN payloads that a protocol trace could carry.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogLevel, Logger } from './types.ts';

const SECRET_KEY = /pass(word)?|secret|token|auth|credential|pwd/i;
const REDACTED = '[đã ẩn]';

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1);
    return out;
  }
  return value;
}

function redactText(s: string): string {
  // "AUTH PLAIN <base64>", "LOGIN user pass", and "password=..." forms that appear in protocol traces and URLs.
  return s
    .replace(/\b(AUTH(?:ENTICATE)?\s+(?:PLAIN|LOGIN|XOAUTH2))\s+\S+/gi, `$1 ${REDACTED}`)
    .replace(/\b(LOGIN\s+"?[^\s"]+"?)\s+("[^"]*"|\S+)/gi, `$1 ${REDACTED}`)
    .replace(/((?:pass(?:word)?|token|secret)=)[^&\s]+/gi, `$1${REDACTED}`);
}

export function createFileLogger(path: string, minLevel: LogLevel = 'info', alsoStderr = false): Logger {
  mkdirSync(dirname(path), { recursive: true });
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (order[level] < order[minLevel]) return;
    const line = JSON.stringify({
      t: new Date().toISOString(),
      level,
      msg: redactText(msg),
      ...(redact(fields ?? {}) as object),
    });
    try {
      appendFileSync(path, line + '\n');
    } catch {
      // A full disk must not take the app down with it; the message is lost, the work is not.
    }
    if (alsoStderr) process.stderr.write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
