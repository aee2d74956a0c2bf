import { UsageError } from '../output.ts';
import type { ServerEndpoint } from '../../api/types.ts';
import { EXIT_OK, printError, printJson } from '../output.ts';
import { finish, hostPort, parse, security, type Command, type Ctx } from '../context.ts';
import { describeCandidate, describeDiscovery } from './discover.ts';

/** Servers from discovery when `account add` is given neither --imap nor --smtp (the user confirms by running it). */
async function discovered(ctx: Ctx, email: string) {
  const r = await ctx.call('accounts.discover', { email });
  if (!r.ok) return r;
  const c = r.value.candidates[0];
  if (!c) {
    throw new UsageError(
      `không tìm được cấu hình máy chủ cho ${email}; hãy nhập --imap HOST:PORT --smtp HOST:PORT ` +
        `/ no server settings found, give --imap and --smtp`,
    );
  }
  if (!ctx.out.json) ctx.out.stderr(describeCandidate(c));
  return { ok: true as const, value: c };
}

export const accountCommands: Record<string, Command> = {
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
      if (!values['password-stdin'])
        throw new UsageError('cần --password-stdin (mật khẩu không nhận qua tham số dòng lệnh)');
      let imap: ServerEndpoint;
      let smtp: ServerEndpoint;
      let username = values.username;
      if (values.imap === undefined && values.smtp === undefined) {
        const d = await discovered(ctx, values.email);
        if (!d.ok) return printError(ctx.out, d.error);
        imap = d.value.imap;
        smtp = d.value.smtp;
        username ??= d.value.username ?? undefined;
      } else {
        const i = hostPort(values.imap, '--imap');
        const o = hostPort(values.smtp, '--smtp');
        imap = { ...i, security: security(values['imap-security'], i.port, 993) };
        smtp = { ...o, security: security(values['smtp-security'], o.port, 465) };
      }
      const kind = values.kind ?? 'personal';
      if (kind !== 'personal' && kind !== 'unit') throw new UsageError(`--kind: personal|unit`);
      // Only the line terminator is stripped: spaces may be part of a password.
      const password = (await ctx.readStdin()).replace(/\r?\n$/, '');
      const r = await ctx.call('accounts.add', {
        email: values.email,
        displayName: values.name,
        kind,
        username,
        imap,
        smtp,
        caFile: values.ca,
        password,
        verify: !values['no-verify'],
      });
      return finish(
        ctx,
        r,
        (a) => `Đã thêm tài khoản ${a.email}. Mật khẩu được lưu trong kho mật khẩu của hệ điều hành.\n`,
      );
    }
    if (sub === 'discover') {
      const { positionals } = parse(rest, {});
      if (!positionals[0]) throw new UsageError('thiếu địa chỉ thư / missing address');
      const r = await ctx.call('accounts.discover', { email: positionals[0] });
      if (!r.ok) return printError(ctx.out, r.error);
      if (ctx.out.json) printJson(ctx.out, r.value);
      else ctx.out.stdout(describeDiscovery(r.value));
      // Exit 1 when nothing was found, so a script can tell.
      return r.value.candidates.length ? EXIT_OK : 1;
    }
    if (sub === 'list') {
      parse(rest, {});
      return finish(ctx, await ctx.call('accounts.list', {}), (list) =>
        list.length
          ? list
              .map(
                (a) =>
                  `${a.email}\t${a.kind === 'unit' ? 'hộp thư đơn vị' : 'cá nhân'}\t${a.imap.host}:${a.imap.port}\n`,
              )
              .join('')
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
};
