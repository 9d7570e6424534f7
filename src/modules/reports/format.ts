import { dayOf } from '../../calendar/rules.js';

// Dates as government documents write them: 2026年3月5日, no leading zeros.
export function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function chineseMonth(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return `${y}年${m}月`;
}

// An instant in Asia/Shanghai, to the minute.
export function chineseTime(instant: Date): string {
  const hhmm = new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
  return `${chineseDay(dayOf(instant))} ${hhmm}`;
}

// RFC 5987: an ASCII fallback for old clients, the real UTF-8 name for the rest.
export function attachment(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
