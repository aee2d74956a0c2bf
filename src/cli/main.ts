// The `tcv` command line: the same engine and the same contract as the app (every command goes through
// createDispatch, so validation, errors and results are identical to what the UI gets).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { MethodName, ParamsIn, ResultOf } from '../api/contract.ts';
import { createDispatch } from '../api/dispatch.ts';
import { TcvError, errorMessage, type ApiError } from '../api/errors.ts';
import type { Security } from '../api/types.ts';
import { createEngine, type Engine } from '../engine/index.ts';
import { createFileLogger } from '../platform/log.ts';
import { defaultProfileDir } from '../platform/paths.ts';
import { createKeytarSecretStore } from '../secrets/keytar.ts';
import { EXIT_OK, EXIT_USAGE, UsageError, formatDate, formatSize, printError, printJson, type Out } from './output.ts';
import { USAGE } from './usage.ts';

type Call = <M extends MethodName>(m: M, p: ParamsIn<M>) => Promise<{ ok: true; value: ResultOf<M> } | { ok: false; error: ApiError }>;

interface Ctx {
  out: Out;
  call: Call;
  args: string[];
  readStdin(): Promise<string>;
}

const common = { json: { type: 'boolean' }, account: { type: 'string' } } as const;

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...common, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function hostPort(value: string | undefined, flag: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value ?? '');
  if (!m) throw new UsageError(`${flag} phải có dạng HOST:PORT / ${flag} must be HOST:PORT`);
  return { host: (m[1] as string).replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

function security(value: string | undefined, port: number, implicitTlsPort: number): Security {
  if (value === 'tls' || value === 'starttls') return value;
  if (value !== undefined) throw new UsageError(`giá trị bảo mật không hợp lệ / invalid security: ${value}`);
  return port === implicitTlsPort ? 'tls' : 'starttls';
}

async function pickAccount(ctx: Ctx, given: string | undefined): Promise<string | ApiError> {
  if (given) return given;
  const r = await ctx.call('accounts.list', {});
  if (!r.ok) return r.error;
  const first = r.value[0];
  if (!first) return { code: 'ACCOUNT_NOT_FOUND', message: 'Chưa có tài khoản nào. Dùng "tcv account add" trước.' };
  return first.id;
}

function finish<T>(ctx: Ctx, r: { ok: true; value: T } | { ok: false; error: ApiError }, human: (v: T) => string): number {
  if (!r.ok) return printError(ctx.out, r.error);
  if (ctx.out.json) printJson(ctx.out, r.value);
  else ctx.out.stdout(human(r.value));
  return EXIT_OK;
}

const commands: Record<string, (ctx: Ctx) => Promise<number>> = {
  async account(ctx) {
    const [sub, ...rest] = ctx.args;
    if (sub === 'add') {
      const { values } = parse(rest, {
        email: { type: 'string' },
        imap: { type: 'string' },
        smtp: { type: 'string' },
        ca: { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        username: { type: 'string' },
        'imap-security': { type: 'string' },
        'smtp-security': { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'no-verify': { type: 'boolean' },
      });
      if (!values.email) throw new UsageError('thiếu --email / missing --email');
      if (!values['password-stdin']) throw new UsageError('cần --password-stdin (mật khẩu không nhận qua tham số dòng lệnh)');
      const imap = hostPort(values.imap, '--imap');
      const smtp = hostPort(values.smtp, '--smtp');
      const kind = values.kind ?? 'personal';
      if (kind !== 'personal' && kind !== 'unit') throw new UsageError(`--kind: personal|unit`);
      // Only the line terminator is stripped: spaces may be part of a password.
      const password = (await ctx.readStdin()).replace(/\r?\n$/, '');
      const r = await ctx.call('accounts.add', {
        email: values.email,
        displayName: values.name,
        kind,
        username: values.username,
        imap: { ...imap, security: security(values['imap-security'], imap.port, 993) },
        smtp: { ...smtp, security: security(values['smtp-security'], smtp.port, 465) },
        caFile: values.ca,
        password,
        verify: !values['no-verify'],
      });
      return finish(ctx, r, (a) => `Đã thêm tài khoản ${a.email}. Mật khẩu được lưu trong kho mật khẩu của hệ điều hành.\n`);
    }
    if (sub === 'list') {
      parse(rest, {});
      return finish(ctx, await ctx.call('accounts.list', {}), (list) =>
        list.length
          ? list.map((a) => `${a.email}\t${a.kind === 'unit' ? 'hộp thư đơn vị' : 'cá nhân'}\t${a.imap.host}:${a.imap.port}\n`).join('')
          : 'Chưa có tài khoản nào.\n',
      );
    }
    if (sub === 'remove') {
      const { positionals } = parse(rest, {});
      if (!positionals[0]) throw new UsageError('thiếu địa chỉ thư / missing address');
      return finish(ctx, await ctx.call('accounts.remove', { accountId: positionals[0] }), (r) =>
        r.removed ? 'Đã xóa tài khoản và mật khẩu đã lưu.\n' : 'Không có tài khoản này.\n',
      );
    }
    throw new UsageError(`lệnh con không hợp lệ / unknown subcommand: account ${sub ?? ''}`);
  },

  async sync(ctx) {
    const { values } = parse(ctx.args, { folder: { type: 'string' } });
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    return finish(ctx, await ctx.call('sync.run', { accountId, folder: values.folder }), (s) =>
      `Đã đồng bộ ${s.folder}: ${s.total} thư, ${s.added} thư mới, ${s.removed} thư đã xóa, ${s.flagsChanged} thay đổi cờ (${s.ms} ms).\n`,
    );
  },

  async ls(ctx) {
    const { values, positionals } = parse(ctx.args, { limit: { type: 'string' }, offset: { type: 'string' } });
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    const limit = values.limit ? Number(values.limit) : 50;
    const offset = values.offset ? Number(values.offset) : 0;
    if (positionals.length > 1) throw new UsageError('chỉ một thư mục / one folder only');
    return finish(ctx, await ctx.call('messages.list', { accountId, folder: positionals[0] ?? 'INBOX', limit, offset }), (page) =>
      page.items
        .map(
          (m) =>
            `${String(m.uid).padStart(6)} ${m.seen ? ' ' : '●'} ${formatDate(m.date)}  ${(m.from?.name || m.from?.address || '').slice(0, 28).padEnd(28)}  ${m.subject}${m.hasAttachments ? ' 📎' : ''}\n`,
        )
        .join('') + `(${page.items.length}/${page.total} thư)\n`,
    );
  },

  async show(ctx) {
    const { values, positionals } = parse(ctx.args, { folder: { type: 'string' } });
    const uid = Number(positionals[0]);
    if (!Number.isInteger(uid) || uid <= 0) throw new UsageError('UID phải là số nguyên dương / UID must be a positive integer');
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    return finish(ctx, await ctx.call('messages.get', { accountId, folder: values.folder ?? 'INBOX', uid }), (m) => {
      const addr = (a: { name: string; address: string }[]) => a.map((x) => (x.name ? `${x.name} <${x.address}>` : x.address)).join(', ');
      const lines = [
        `Từ:       ${m.from ? addr([m.from]) : ''}`,
        `Đến:      ${addr(m.to)}`,
        ...(m.cc.length ? [`Đồng gửi: ${addr(m.cc)}`] : []),
        `Ngày:     ${formatDate(m.date)}`,
        `Tiêu đề:  ${m.subject}`,
        ...m.attachments.map((a) => `Đính kèm: ${a.filename} (${formatSize(a.size)})`),
        '',
        m.text,
      ];
      return lines.join('\n') + '\n';
    });
  },

  async send(ctx) {
    const { values } = parse(ctx.args, {
      to: { type: 'string', multiple: true },
      cc: { type: 'string', multiple: true },
      bcc: { type: 'string', multiple: true },
      subject: { type: 'string' },
      'body-file': { type: 'string' },
    });
    if (!values.to?.length) throw new UsageError('thiếu --to / missing --to');
    if (values.subject === undefined) throw new UsageError('thiếu --subject / missing --subject');
    if (!values['body-file']) throw new UsageError('thiếu --body-file / missing --body-file');
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    let text: string;
    try {
      text = values['body-file'] === '-' ? await ctx.readStdin() : readFileSync(values['body-file'], 'utf8');
    } catch (err) {
      throw new UsageError(`không đọc được tệp nội dung / cannot read body file: ${(err as Error).message}`);
    }
    const r = await ctx.call('messages.send', {
      accountId,
      to: values.to,
      cc: values.cc ?? [],
      bcc: values.bcc ?? [],
      subject: values.subject,
      text,
    });
    if (r.ok && r.value.state !== 'sent') {
      // The message is safe in the outbox; the command still fails so scripts notice.
      if (ctx.out.json) printJson(ctx.out, r.value);
      const code = (r.value.lastError ?? 'INTERNAL') as ApiError['code'];
      ctx.out.stderr(
        `Lỗi [${code}]: ${errorMessage(code)}\nThư vẫn nằm trong hộp thư đi (${r.value.state === 'queued' ? 'sẽ tự gửi lại' : 'gửi thất bại'}).\n`,
      );
      return 1;
    }
    return finish(ctx, r, (e) => `Đã gửi thư "${e.subject}" tới ${e.to.join(', ')} (Message-ID ${e.messageId}).\n`);
  },

  async outbox(ctx) {
    const { values } = parse(ctx.args, {});
    return finish(ctx, await ctx.call('outbox.list', { accountId: values.account }), (list) =>
      list.length
        ? list.map((e) => `${e.id}\t${e.state}\t${e.attempts} lần\t${e.subject}\t${e.lastError ?? ''}\n`).join('')
        : 'Hộp thư đi trống.\n',
    );
  },

  async doctor(ctx) {
    const { values } = parse(ctx.args, {});
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    const r = await ctx.call('accounts.diagnose', { accountId });
    if (!r.ok) return printError(ctx.out, r.error);
    if (ctx.out.json) printJson(ctx.out, r.value);
    else {
      const mark = { ok: '✔ ĐẠT', warn: '⚠ LƯU Ý', fail: '✘ LỖI', skipped: '– BỎ QUA' } as const;
      for (const s of r.value.steps) {
        ctx.out.stdout(`${mark[s.verdict].padEnd(10)} ${s.label}\n           ${s.message}${s.detail ? `\n           (${s.detail})` : ''}\n`);
      }
      ctx.out.stdout(r.value.ok ? '\nKết luận: kết nối hoạt động bình thường.\n' : '\nKết luận: có lỗi, xem các bước ✘ ở trên.\n');
    }
    return r.value.ok ? EXIT_OK : 1;
  },
};

export interface MainIo {
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
  readStdin?: () => Promise<string>;
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: string[], io: MainIo = {}): Promise<number> {
  const out: Out = {
    json: argv.includes('--json'),
    stdout: io.stdout ?? ((s) => process.stdout.write(s)),
    stderr: io.stderr ?? ((s) => process.stderr.write(s)),
  };
  // Global options come before the command: tcv [--profile DIR] COMMAND ...
  let profile = defaultProfileDir();
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--profile') profile = argv[++i] ?? '';
    else if (a.startsWith('--profile=')) profile = a.slice('--profile='.length);
    else if (a === '--help' || a === '-h') {
      out.stdout(USAGE);
      return EXIT_OK;
    } else break;
  }
  const [name, ...args] = argv.slice(i);
  const command = name ? commands[name] : undefined;
  if (!command || !profile) {
    out.stderr((name ? `Lệnh không hợp lệ / unknown command: ${name}\n\n` : '') + USAGE);
    return EXIT_USAGE;
  }
  let engine: Engine | undefined;
  try {
    const log = createFileLogger(join(profile, 'logs', 'tcv.log'));
    engine = await createEngine({ profileDir: profile, secrets: createKeytarSecretStore(), log, appVersion: process.env.npm_package_version });
    const dispatch = createDispatch(engine.handlers, log);
    const call = ((m: MethodName, p: unknown) => dispatch(m, p)) as Call;
    return await command({ out, call, args, readStdin: io.readStdin ?? readAllStdin });
  } catch (err) {
    if (err instanceof UsageError) {
      out.stderr(`${err.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (err instanceof TcvError) return printError(out, { code: err.code, message: `${errorMessage(err.code)} (${err.detail})` });
    return printError(out, { code: 'INTERNAL', message: `${errorMessage('INTERNAL')} ${(err as Error).message}` });
  } finally {
    await engine?.close();
  }
}
