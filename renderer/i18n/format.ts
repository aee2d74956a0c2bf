// Date and size formats for the UI (pure; tested in Node). Vietnamese convention: dd/mm/yyyy and 24-hour HH:mm
// (NĐ 30/2020 writes dates as "ngày 05 tháng 3 năm 2025"; in lists the short numeric form is what users expect).
import { formatNumber, translate, type Lang } from './translate.ts';

const pad = (n: number) => String(n).padStart(2, '0');

function parse(value: string | Date | null | undefined): Date | null {
  if (value == null) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function formatTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatShortDate(d: Date): string {
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** Message list column: HH:mm for today, dd/mm/yyyy otherwise (both languages: the users' documents use it). */
export function formatListDate(value: string | Date | null | undefined, now: Date = new Date()): string {
  const d = parse(value);
  if (!d) return '';
  return sameDay(d, now) ? formatTime(d) : formatShortDate(d);
}

const weekdaysVi = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const weekdaysEn = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Reader header: "Thứ Ba, 04/03/2025 14:05". */
export function formatFullDate(value: string | Date | null | undefined, lang: Lang): string {
  const d = parse(value);
  if (!d) return '';
  const weekday = (lang === 'vi' ? weekdaysVi : weekdaysEn)[d.getDay()];
  return `${weekday}, ${formatShortDate(d)} ${formatTime(d)}`;
}

/** Attachment sizes in binary units, one decimal below 10 ("1,2 MB" in Vietnamese, "1.2 MB" in English). */
export function formatSize(bytes: number, lang: Lang): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return translate(lang, 'size.bytes', { n: bytes });
  const units = ['size.kb', 'size.mb', 'size.gb'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return translate(lang, units[unit] ?? 'size.gb', { n: formatNumber(rounded, lang) });
}

/** A transfer's progress in the unit of its total: "3,1 / 7,2 MB" in Vietnamese, "3.1 / 7.2 MB" in English. */
export function formatSizeProgress(done: number, total: number, lang: Lang): string {
  if (!Number.isFinite(total) || total < 0 || !Number.isFinite(done)) return '';
  const units = ['size.bytes', 'size.kb', 'size.mb', 'size.gb'] as const;
  let unit = 0;
  let divisor = 1;
  while (total / divisor >= 1024 && unit < units.length - 1) {
    divisor *= 1024;
    unit += 1;
  }
  const show = (bytes: number) => {
    const value = bytes / divisor;
    return formatNumber(unit === 0 ? value : value < 10 ? Math.round(value * 10) / 10 : Math.round(value), lang);
  };
  return `${show(Math.min(Math.max(done, 0), total))} / ${translate(lang, units[unit] ?? 'size.gb', { n: show(total) })}`;
}
