/** Small display helpers for the library; dates always in the reader's own time zone. */
import type { Locale } from '@/utils/i18n';

/** A compact date and time, for list rows and markers. */
export function formatShort(
  locale: Locale,
  iso: string,
  opts: { timeZone?: string; seconds?: boolean; numeric?: boolean } = {},
): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: opts.numeric ? 'short' : 'medium',
    timeStyle: opts.seconds ? 'medium' : 'short',
    timeZone: opts.timeZone,
  }).format(new Date(iso));
}

/** The host of a URL without "www.", or the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** Whether a stored URL may be offered as a link (an imported item could carry `javascript:`). */
export function isWebUrl(url: string): boolean {
  try {
    const p = new URL(url).protocol;
    return p === 'https:' || p === 'http:';
  } catch {
    return false;
  }
}

/** First and last characters of a hash: enough to compare by eye, short enough for a table. */
export function abbreviateHash(hex: string, n = 8): string {
  return hex.length > 2 * n + 1 ? `${hex.slice(0, n)}…${hex.slice(-n)}` : hex;
}

/** Russian and Ukrainian need one/few/many forms; English uses one/other. */
export function pluralForm(locale: Locale, n: number): 'one' | 'few' | 'many' | 'other' {
  const r = new Intl.PluralRules(locale).select(n);
  return r === 'one' || r === 'few' || r === 'many' ? r : 'other';
}
