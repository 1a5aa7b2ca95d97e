/**
 * Publication dates as instants. A court needs to know when something was published, so a
 * date becomes an RFC 3339 UTC instant only when the page said which instant it meant: a
 * date-time without a zone could be Moscow or Kyiv time, and guessing from the capturing
 * browser's zone would invent a fact. Callers keep the page's own string beside the result.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const RFC2822 =
  /^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UTC|UT|Z)$/;
const EPOCH = /^\d{10}(?:\d{3})?$/;

/** RFC 3339 UTC with milliseconds (`2025-03-04T08:00:00.000Z`) or undefined. */
export function toUtcInstant(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim();
  let ms = NaN;
  const m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec = '00', frac = '', zone = 'Z'] = m;
    const fraction = (frac + '000').slice(0, 3);
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : normalizeOffset(zone);
    ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}.${fraction}${offset}`);
    // Date.parse rolls some impossible dates over instead of failing; refuse them.
    if (Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59) ms = NaN;
  } else if (RFC2822.test(s)) {
    ms = Date.parse(s);
  } else if (EPOCH.test(s)) {
    ms = s.length === 10 ? Number(s) * 1000 : Number(s);
  }
  if (!Number.isFinite(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1900 || year > 2200) return undefined;
  return new Date(ms).toISOString();
}

function normalizeOffset(zone: string): string {
  const digits = zone.slice(1).replace(':', '');
  const hh = digits.slice(0, 2);
  const mm = digits.slice(2, 4) || '00';
  return `${zone.charAt(0)}${hh}:${mm}`;
}
