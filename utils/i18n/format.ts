/**
 * Numbers, sizes, percentages and dates as the reader's language writes them. Every figure the
 * interface shows goes through here (translate() uses formatNumber for numeric placeholders), so
 * a Russian or Ukrainian reader sees `1 234,5 КБ` and `45 %`, and an English one `1,234.5 KB`
 * and `45%`. Formatters are cached: Intl constructors are slow and lists format many rows.
 */
import type { Locale } from './locales';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** A number with the locale's grouping and decimal separators (at most `maxFraction` decimals). */
export function formatNumber(locale: Locale, n: number, maxFraction = 2): string {
  return cached(
    `n|${locale}|${maxFraction}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: maxFraction }),
  ).format(n);
}

/** A fraction (0.45) as a whole percentage (`45%`, `45 %`). */
export function formatPercent(locale: Locale, fraction: number): string {
  return cached(
    `p|${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
  ).format(fraction);
}

const BYTE_UNITS: Record<Locale, string[]> = {
  en: ['B', 'KB', 'MB', 'GB', 'TB'],
  ru: ['Б', 'КБ', 'МБ', 'ГБ', 'ТБ'],
  uk: ['Б', 'КБ', 'МБ', 'ГБ', 'ТБ'],
};

/** A size in bytes in binary units (1 KB = 1024 B), one decimal above bytes. */
export function formatBytes(locale: Locale, n: number): string {
  const units = BYTE_UNITS[locale];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${formatNumber(locale, v, u === 0 ? 0 : 1)} ${units[u]}`;
}

/** Format an instant for the locale, with the time zone named, e.g. for captured_at. */
export function formatDateTime(locale: Locale, iso: string, timeZone?: string): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the fields are spelled out.
  return cached(
    `dt|${locale}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        timeZone,
        timeZoneName: 'short',
      }),
  ).format(new Date(iso));
}

/** A compact date and time, for list rows and markers; in the reader's own zone by default. */
export function formatDateShort(
  locale: Locale,
  iso: string,
  opts: { timeZone?: string; seconds?: boolean; numeric?: boolean } = {},
): string {
  return cached(
    `ds|${locale}|${opts.timeZone ?? ''}|${opts.seconds === true}|${opts.numeric === true}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        dateStyle: opts.numeric ? 'short' : 'medium',
        timeStyle: opts.seconds ? 'medium' : 'short',
        timeZone: opts.timeZone,
      }),
  ).format(new Date(iso));
}

/** Russian and Ukrainian need one/few/many forms; English uses one/other. */
export function pluralForm(locale: Locale, n: number): 'one' | 'few' | 'many' | 'other' {
  const r = new Intl.PluralRules(locale).select(n);
  return r === 'one' || r === 'few' || r === 'many' ? r : 'other';
}
