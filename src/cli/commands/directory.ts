// `tcv directory …` (issue 5 "CLI"): import, validate, search and match the city directory of the profile. IT scripts
// rely on the command lines and the --json shapes (src/api/types-directory.ts); docs/directory.md lists them.
import { resolve } from 'node:path';
import { errorMessage } from '../../api/errors.ts';
import type {
  DirectoryEntry,
  DirectorySearchResult,
  MatchResult,
  ValidationReport,
} from '../../api/types-directory.ts';
import { EXIT_FAIL, EXIT_OK, UsageError, printError, printJson } from '../output.ts';
import { finish, parse, type Command, type Ctx } from '../context.ts';

const FORMATS = ['auto', 'json', 'csv', 'xlsx', 'vcard'] as const;
type Format = (typeof FORMATS)[number];

function formatOpt(v: string | undefined): Format {
  const f = (v ?? 'auto') as Format;
  if (!FORMATS.includes(f)) throw new UsageError(`--format: ${FORMATS.join('|')}`);
  return f;
}

const statusLabel: Record<DirectoryEntry['status'], string> = {
  active: '',
  historical: 'không còn hoạt động',
  recalled: 'đã thu hồi hộp thư',
};

function entryLine(e: DirectoryEntry, successor: DirectoryEntry | null = null): string {
  let s = `${e.id}\t${e.name}`;
  if (e.title) s += `, ${e.title}`;
  if (e.address) s += ` <${e.address}>${e.example ? ' (địa chỉ ví dụ)' : ''}`;
  if (e.status !== 'active') s += ` [${statusLabel[e.status]}]`;
  if (successor) s += ` → ${successor.name}${successor.address ? ` <${successor.address}>` : ''}`;
  return s + '\n';
}

export function formatReport(r: ValidationReport): string {
  const head =
    `Tệp ${r.file ?? ''} (${r.format}): ${r.entries} mục, ${r.groups} nhóm; ` +
    `${r.errors} lỗi, ${r.warnings} cảnh báo.\n`;
  const lines = r.issues.map(
    (i) =>
      `${i.line !== null ? `dòng ${i.line}` : (i.dn ?? '—')}\t${i.severity === 'error' ? 'LỖI' : 'CẢNH BÁO'}\t[${i.code}]` +
      `${i.id ? ` ${i.id}` : ''}${i.field ? ` (${i.field})` : ''}: ${i.message}\n`,
  );
  return head + lines.join('');
}

function formatSearch(r: DirectorySearchResult): string {
  if (r.hits.length === 0 && r.groups.length === 0) return 'Không tìm thấy.\n';
  return (
    r.hits.map((h) => entryLine(h.entry, h.successor)).join('') +
    r.groups.map((g) => `nhóm:${g.group.id}\t${g.group.name} (${g.members} thành viên)\n`).join('')
  );
}

function formatMatch(m: MatchResult): string {
  let s = '';
  if (m.status === 'matched') {
    s += m.group ? `Khớp nhóm "${m.group.name}" (${m.entries.length} thành viên):\n` : 'Khớp:\n';
    s += m.entries.map((e) => '  ' + entryLine(e)).join('');
    for (const e of m.successors) s += `  Đơn vị kế thừa: ${entryLine(e)}`;
  } else if (m.status === 'ambiguous') {
    s += 'Chưa xác định được: có nhiều mục gần giống nhau, hãy chọn:\n';
    s += m.candidates
      .map((c) => '  ' + (c.entry ? entryLine(c.entry) : `nhóm:${c.group?.id}\t${c.group?.name}\n`))
      .join('');
  } else {
    s += `Không khớp mục nào trong danh bạ: "${m.text}".\n`;
    if (m.candidates.length)
      s +=
        'Gợi ý:\n' +
        m.candidates
          .map((c) => '  ' + (c.entry ? entryLine(c.entry) : `nhóm:${c.group?.id}\t${c.group?.name}\n`))
          .join('');
  }
  for (const w of m.warnings) s += `Lưu ý: ${w.message}\n`;
  return s;
}

async function reportCommand(ctx: Ctx, rest: string[], importing: boolean): Promise<number> {
  const { values, positionals } = parse(rest, { format: { type: 'string' }, 'dry-run': { type: 'boolean' } });
  if (!positionals[0]) throw new UsageError('thiếu tệp danh bạ / missing FILE');
  if (!importing && values['dry-run']) throw new UsageError('--dry-run chỉ dùng với import');
  const path = resolve(positionals[0]);
  const format = formatOpt(values.format);
  const r = importing
    ? await ctx.call('directory.import', { path, format, dryRun: values['dry-run'] ?? false })
    : await ctx.call('directory.validate', { path, format });
  if (!r.ok) return printError(ctx.out, r.error);
  const report = 'report' in r.value ? r.value.report : r.value;
  if (ctx.out.json) printJson(ctx.out, r.value);
  else {
    ctx.out.stdout(formatReport(report));
    if ('imported' in r.value && r.value.imported)
      ctx.out.stdout(`Đã nhập danh bạ: ${r.value.info.entries} mục, ${r.value.info.groups} nhóm.\n`);
    else if ('imported' in r.value && report.ok) ctx.out.stdout('Chạy thử (--dry-run): chưa nhập gì.\n');
  }
  if (!report.ok) {
    // The report went to stdout (JSON or text); the error code goes to stderr like every other failure.
    ctx.out.stderr(`Lỗi [DIRECTORY_INVALID]: ${errorMessage('DIRECTORY_INVALID')}\n`);
    return EXIT_FAIL;
  }
  return EXIT_OK;
}

export const directoryCommands: Record<string, Command> = {
  async directory(ctx) {
    const [sub, ...rest] = ctx.args;
    switch (sub) {
      case 'import':
        return reportCommand(ctx, rest, true);
      case 'validate':
        return reportCommand(ctx, rest, false);
      case 'search': {
        const { values, positionals } = parse(rest, { limit: { type: 'string' }, active: { type: 'boolean' } });
        if (positionals.length === 0) throw new UsageError('thiếu từ khóa / missing QUERY');
        const limit = values.limit === undefined ? 20 : Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit phải là số nguyên dương');
        const r = await ctx.call('directory.search', {
          query: positionals.join(' '),
          limit,
          includeHistorical: !values.active,
        });
        return finish(ctx, r, formatSearch);
      }
      case 'match': {
        const { positionals } = parse(rest, {});
        if (positionals.length === 0) throw new UsageError('thiếu văn bản / missing TEXT');
        return finish(ctx, await ctx.call('directory.match', { text: positionals.join(' ') }), formatMatch);
      }
      case 'show': {
        const { positionals } = parse(rest, {});
        if (!positionals[0]) throw new UsageError('thiếu mã mục / missing ID');
        return finish(ctx, await ctx.call('directory.get', { id: positionals[0] }), (d) => {
          let s = entryLine(d.entry, d.currentSuccessor ?? d.successor);
          if (d.unit) s += `Thuộc: ${entryLine(d.unit)}`;
          if (d.entry.aliases.length) s += `Tên viết tắt: ${d.entry.aliases.join('; ')}\n`;
          if (d.groups.length) s += `Nhóm: ${d.groups.map((g) => g.name).join('; ')}\n`;
          for (const p of d.predecessors) s += `Kế thừa: ${entryLine(p)}`;
          for (const m of d.members) s += `Thành viên: ${entryLine(m)}`;
          if (d.entry.note) s += `Ghi chú: ${d.entry.note}\n`;
          return s;
        });
      }
      case 'groups': {
        parse(rest, {});
        return finish(ctx, await ctx.call('directory.groups', {}), (list) =>
          list.length
            ? list.map((g) => `${g.group.id}\t${g.group.name} (${g.members} thành viên)\n`).join('')
            : 'Danh bạ chưa có nhóm nào.\n',
        );
      }
      case 'info': {
        parse(rest, {});
        return finish(ctx, await ctx.call('directory.info', {}), (i) =>
          i.source === null
            ? 'Hồ sơ này chưa có danh bạ. Dùng "tcv directory import TỆP".\n'
            : `${i.name ?? 'Danh bạ'}: ${i.entries} mục (${i.active} đang hoạt động, ${i.historical} không còn hoạt động, ` +
              `${i.recalled} đã thu hồi), ${i.groups} nhóm; ${i.examples} địa chỉ ví dụ.\n` +
              `Nhập từ ${i.source} (${i.format}) lúc ${i.importedAt}.\n` +
              (i.note ? `Ghi chú: ${i.note}\n` : ''),
        );
      }
      case 'export': {
        const { values, positionals } = parse(rest, {
          format: { type: 'string' },
          'vcard-version': { type: 'string' },
        });
        if (!positionals[0]) throw new UsageError('thiếu tệp / missing FILE');
        const path = resolve(positionals[0]);
        let format = formatOpt(values.format);
        if (format === 'auto') {
          const ext = /\.(json|csv|xlsx|vcf)$/i.exec(path)?.[1]?.toLowerCase();
          if (!ext) throw new UsageError('không đoán được định dạng từ tên tệp: dùng --format json|csv|xlsx|vcard');
          format = ext === 'vcf' ? 'vcard' : (ext as Format);
        }
        const v = values['vcard-version'] ?? '4.0';
        if (v !== '3.0' && v !== '4.0') throw new UsageError('--vcard-version: 3.0|4.0');
        const r = await ctx.call('directory.export', {
          path,
          format: format as Exclude<Format, 'auto'>,
          vcardVersion: v,
        });
        return finish(ctx, r, (x) => `Đã xuất ${x.entries} mục, ${x.groups} nhóm ra ${x.path} (${x.format}).\n`);
      }
      case 'sync-ldap': {
        parse(rest, {});
        const r = await ctx.call('directory.syncLdap', {});
        if (!r.ok) return printError(ctx.out, r.error);
        const v = r.value;
        if (ctx.out.json) printJson(ctx.out, v);
        else {
          const f = v.fetched;
          ctx.out.stdout(
            `Máy chủ ${v.url}: ${f.units} đơn vị, ${f.persons} cá nhân, ${f.groups} nhóm (${f.pages} trang), ` +
              `${v.durationMs} ms.\n` +
              formatReport(v.report) +
              (v.synced
                ? `Đã cập nhật danh bạ từ LDAP: ${v.before} → ${v.after} mục; tổng cộng ${v.info.entries} mục.\n`
                : ''),
          );
        }
        if (!v.synced) {
          ctx.out.stderr(`Lỗi [LDAP_INVALID]: ${errorMessage('LDAP_INVALID')}\n`);
          return EXIT_FAIL;
        }
        return EXIT_OK;
      }
      case 'ldap-password': {
        const { values } = parse(rest, { 'password-stdin': { type: 'boolean' } });
        if (!values['password-stdin']) throw new UsageError('dùng --password-stdin (mật khẩu đọc từ đầu vào chuẩn)');
        const password = (await ctx.readStdin()).replace(/\r?\n$/, '');
        if (!password) throw new UsageError('mật khẩu trống / empty password');
        return finish(
          ctx,
          await ctx.call('directory.ldapPassword', { password }),
          (x) => `Đã lưu mật khẩu LDAP vào kho khóa (mục "${x.keychainAccount}").\n`,
        );
      }
      default:
        throw new UsageError(`lệnh con không hợp lệ / unknown subcommand: directory ${sub ?? ''}`);
    }
  },
};
