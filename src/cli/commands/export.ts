// `tcv export --format mbox|eml FOLDER DIR`: the user's own backup of a folder (QĐ 50/2009 Article 9.2), streamed
// message by message from the server (src/sync/export.ts).
import { resolve } from 'node:path';
import { UsageError, formatSize, printError } from '../output.ts';
import { finish, parse, pickAccount, type Command } from '../context.ts';

export const exportCommands: Record<string, Command> = {
  async export(ctx) {
    const { values, positionals } = parse(ctx.args, { format: { type: 'string' } });
    const format = values.format ?? 'mbox';
    if (format !== 'mbox' && format !== 'eml') {
      throw new UsageError('--format phải là mbox hoặc eml / --format must be mbox or eml');
    }
    const [folder, dir, ...rest] = positionals;
    if (!folder || !dir || rest.length) throw new UsageError('cần THƯ_MỤC và ĐÍCH / FOLDER and DIR required');
    const accountId = await pickAccount(ctx, values.account);
    if (typeof accountId !== 'string') return printError(ctx.out, accountId);
    return finish(
      ctx,
      await ctx.call('folders.export', { accountId, folder, format, destination: resolve(dir) }),
      (r) => `Đã xuất ${r.messages} thư (${formatSize(r.bytes)}) của ${r.folder} vào ${r.path}\n`,
    );
  },
};
