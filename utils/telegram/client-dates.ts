/**
 * Local date-times printed by the web clients, turned into instants only when the zone they
 * were printed in is known. Both clients format with the browser's own zone
 * (tweb `helpers/date/getFullDate.ts`: "4 March 2025, 11:00:05" with English month names;
 * telegram-tt `util/dates/dateFormat.ts` `formatDateTimeToString`: `toLocaleString` with
 * year/short month/day/hour/minute/second, e.g. "Mar 4, 2025, 11:00:05"). The content script
 * that reads the page runs in that same browser, so passing its zone recovers the instant;
 * without a zone the text is kept and no instant is invented.
 */

const MONTHS: Array<[RegExp, number]> = [
  [/^(jan|янв|січ)/i, 1],
  [/^(feb|фев|лют)/i, 2],
  [/^(mar|мар|бер)/i, 3],
  [/^(apr|апр|квіт)/i, 4],
  [/^(may|ма[йя]|трав)/i, 5],
  [/^(jun|июн|черв)/i, 6],
  [/^(jul|июл|лип)/i, 7],
  [/^(aug|авг|серп)/i, 8],
  [/^(sep|сен|вер)/i, 9],
  [/^(oct|окт|жовт)/i, 10],
  [/^(nov|ноя|лист)/i, 11],
  [/^(dec|дек|груд)/i, 12],
];

function monthOf(word: string): number | undefined {
  return MONTHS.find(([re]) => re.test(word))?.[1];
}

/** Wall-clock parts of a client title's first line, or undefined when it is not a full date-time. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_FIRST =
  /^(\d{1,2})\s+([^\s\d.,]+)\.?\s+(\d{4})(?:\s*г\.)?,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i;
const MONTH_FIRST =
  /^([^\s\d.,]+)\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i;

/** Parses "4 March 2025, 11:00:05", "Mar 4, 2025, 11:00:05 AM", "4 мар. 2025 г., 11:00:05". */
export function parseClientTitle(title: string | null | undefined): WallTime | undefined {
  const first =
    (title ?? '')
      .split('\n')[0]
      ?.replace(/[\u00a0\u202f]/g, ' ')
      .trim() ?? '';
  let day: string | undefined, mon: string | undefined, rest: Array<string | undefined>;
  const a = DAY_FIRST.exec(first);
  const b = a ? null : MONTH_FIRST.exec(first);
  if (a) {
    [, day, mon, ...rest] = a;
  } else if (b) {
    [, mon, day, ...rest] = b;
  } else {
    return undefined;
  }
  const [year, h, mi, s, ampm] = rest;
  const month = monthOf(mon ?? '');
  let hour = Number(h);
  if (ampm) hour = (hour % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
  const wall = {
    year: Number(year),
    month: month ?? 0,
    day: Number(day),
    hour,
    minute: Number(mi),
    second: Number(s ?? 0),
  };
  const valid =
    month !== undefined &&
    wall.day >= 1 &&
    wall.day <= 31 &&
    hour <= 23 &&
    wall.minute <= 59 &&
    wall.second <= 59;
  return valid ? wall : undefined;
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds. */
function zoneOffset(ms: number, timeZone: string): number {
  let format = FORMATS.get(timeZone);
  if (!format) {
    // Building a formatter loads zone data; a page has one zone, so keep it.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    FORMATS.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `timeZone` denotes (RFC 3339 UTC with ms), or undefined for
 * an unknown zone. In the repeated hour of a DST change the earlier instant is chosen.
 */
export function wallTimeToUtc(w: WallTime, timeZone: string): string | undefined {
  try {
    const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    let ms = guess - zoneOffset(guess, timeZone);
    ms = guess - zoneOffset(ms, timeZone);
    return new Date(ms).toISOString();
  } catch {
    return undefined;
  }
}
