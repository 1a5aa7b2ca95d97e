/** Small display helpers for the library; dates always in the reader's own time zone. */
// Dates, numbers and plural forms live in the one i18n layer; the library keeps its old names.
export { formatDateShort as formatShort, pluralForm } from '@/utils/i18n';

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
