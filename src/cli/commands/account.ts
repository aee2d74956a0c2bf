import { UsageError } from '../output.ts';
import { finish, hostPort, parse, security, type Command } from '../context.ts';

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
      return finish(
        ctx,
        r,
        (a) => `Đã thêm tài khoản ${a.email}. Mật khẩu được lưu trong kho mật khẩu của hệ điều hành.\n`,
      );
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
