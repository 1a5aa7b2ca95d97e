/**
 * The text of the band added above the full-page screenshot: the capture time in UTC and in
 * the local time zone (named, with its offset) and the URL, wrapped to the image's width.
 * Pure: the caller passes a `measure` function (the canvas's measureText in the browser,
 * a fixed-width stand-in in tests) and draws the lines itself.
 */

/** Width of `text` in the units of `maxWidth`. */
export type Measure = (text: string) => number;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-11-25 18:03:12.345 UTC` */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} UTC`;
}

/**
 * `2026-11-25 21:03:12.345 Europe/Moscow (GMT+03:00)`: the wall-clock time in `timeZone`,
 * read through Intl (which knows the zone's rules on that date), with its offset.
 */
export function formatLocal(iso: string, timeZone: string): string {
  const d = new Date(iso);
  let zone = timeZone;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    }).formatToParts(d);
  } catch {
    // An unknown zone name (a page that lies about it): say so, and fall back to UTC.
    zone = `${timeZone} (unknown zone, shown as UTC)`;
    return `${formatUtc(iso).replace(/ UTC$/, '')} ${zone}`;
  }
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  const offset = get('timeZoneName') === 'GMT' ? 'GMT+00:00' : get('timeZoneName');
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}.${pad(d.getUTCMilliseconds(), 3)} ${zone} (${offset})`;
}

/** The URL as a reader would type it: percent-escapes of non-Latin text shown as letters. */
export function displayUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/**
 * Break `text` into lines no wider than `maxWidth`, preferring breaks after `/ ? & = - _ .`
 * and spaces; a line with no such place is broken anywhere (URLs have no spaces). At most
 * `maxLines` lines: the last line of a longer text ends in `…`.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  measure: Measure,
  maxLines: number,
): string[] {
  const chars = Array.from(text); // code points, so no surrogate pair is split
  const lines: string[] = [];
  let start = 0;
  while (start < chars.length && lines.length < maxLines) {
    let end = start + 1;
    // Longest prefix that fits (at least one character, so the loop always advances).
    while (end < chars.length && measure(chars.slice(start, end + 1).join('')) <= maxWidth) end++;
    if (end < chars.length) {
      for (let k = end; k > start + 1; k--) {
        if (/[/?&=\-_. ]/.test(chars[k - 1]!)) {
          end = k;
          break;
        }
      }
    }
    lines.push(chars.slice(start, end).join(''));
    start = end;
  }
  if (start < chars.length && lines.length > 0) {
    let last = lines[lines.length - 1]!;
    while (last.length > 0 && measure(`${last}…`) > maxWidth)
      last = Array.from(last).slice(0, -1).join('');
    lines[lines.length - 1] = `${last}…`;
  }
  return lines;
}

/** The labelled parts of the band, already translated by the caller. */
export interface BandText {
  /** e.g. "Captured" */
  capturedLabel: string;
  /** e.g. "URL" */
  urlLabel: string;
  /** Shown under the URL when the image was cut, e.g. "Cut at 16,384 px of 40,000 px". */
  note?: string;
}

/** Lines of the band, each no wider than `maxWidth`. */
export function bandLines(
  text: BandText,
  capturedAt: string,
  timeZone: string,
  url: string,
  maxWidth: number,
  measure: Measure,
): string[] {
  const time = `${text.capturedLabel}: ${formatUtc(capturedAt)} · ${formatLocal(capturedAt, timeZone)}`;
  return [
    ...wrapText(time, maxWidth, measure, 2),
    ...wrapText(`${text.urlLabel}: ${displayUrl(url)}`, maxWidth, measure, 4),
    ...(text.note ? wrapText(text.note, maxWidth, measure, 2) : []),
  ];
}
