/**
 * Dates written out in Russian, Ukrainian and English, and numeric dates, normalised to ISO
 * 8601: `2024-03-12`, `2024-03` (month and year), `--03-12` (day and month, year unknown).
 */
import type { DetectedEntity } from './types';

const RU_GEN = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const RU_PREP = [
  'январе',
  'феврале',
  'марте',
  'апреле',
  'мае',
  'июне',
  'июле',
  'августе',
  'сентябре',
  'октябре',
  'ноябре',
  'декабре',
];
const UK_GEN = [
  'січня',
  'лютого',
  'березня',
  'квітня',
  'травня',
  'червня',
  'липня',
  'серпня',
  'вересня',
  'жовтня',
  'листопада',
  'грудня',
];
const UK_LOC = [
  'січні',
  'лютому',
  'березні',
  'квітні',
  'травні',
  'червні',
  'липні',
  'серпні',
  'вересні',
  'жовтні',
  'листопаді',
  'грудні',
];
const EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const EN_SHORT = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];

const MONTH = new Map<string, number>();
for (const list of [RU_GEN, RU_PREP, UK_GEN, UK_LOC, EN, EN_SHORT])
  list.forEach((m, i) => MONTH.set(m, i + 1));
MONTH.set('sept', 9);

const DAY_MONTH = [...RU_GEN, ...UK_GEN].join('|');
const MONTH_IN = [...RU_PREP, ...UK_LOC].join('|');
const EN_MONTH =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?';
const YEAR_WORD = '(?:\\s*(?:года|году|год|г\\.|року|рік|р\\.))?';

// Each: the regex and how to read day / month / year from its groups.
const PATTERNS: Array<{
  re: RegExp;
  read: (m: RegExpExecArray) => [number | undefined, number | undefined, number | undefined];
}> = [
  // 12 марта 2024 года, 12 березня 2024 р., 30 ноября
  {
    re: new RegExp(
      `(?=\\d)(?<![\\p{L}\\p{N}])(\\d{1,2})\\s+(${DAY_MONTH})(?:\\s+(\\d{4})${YEAR_WORD})?(?![\\p{L}])`,
      'giu',
    ),
    read: (m) => [num(m[1]), MONTH.get((m[2] ?? '').toLowerCase()), num(m[3])],
  },
  // в марте 2022 года, у березні 2024 року
  {
    re: new RegExp(
      `(?=[а-яіїєА-ЯІЇЄ])(?<![\\p{L}])(${MONTH_IN})\\s+(\\d{4})${YEAR_WORD}(?![\\p{L}])`,
      'giu',
    ),
    read: (m) => [undefined, MONTH.get((m[1] ?? '').toLowerCase()), num(m[2])],
  },
  // 12.03.2024, 12.03.24
  {
    re: /(?=\d)(?<![\p{N}.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\p{N}]|\.\d)/gu,
    read: (m) => [num(m[1]), num(m[2]), year2(m[3])],
  },
  // 2024-03-12
  {
    re: /(?=\d)(?<![\p{N}-])(\d{4})-(\d{2})-(\d{2})(?![\p{N}])/gu,
    read: (m) => [num(m[3]), num(m[2]), num(m[1])],
  },
  // March 12, 2024 / March 12th / March 2024
  {
    re: new RegExp(
      `(?=[A-Z])(?<![\\p{L}])(${EN_MONTH})\\s+(?:(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?|(\\d{4}))(?![\\p{L}\\p{N}])`,
      'gu',
    ),
    read: (m) => [
      num(m[2]),
      MONTH.get((m[1] ?? '').toLowerCase().replace('.', '')),
      num(m[3] ?? m[4]),
    ],
  },
  // 12 March 2024
  {
    re: new RegExp(
      `(?=\\d)(?<![\\p{L}\\p{N}])(\\d{1,2})(?:st|nd|rd|th)?\\s+(${EN_MONTH})(?:,?\\s+(\\d{4}))?(?![\\p{L}\\p{N}])`,
      'gu',
    ),
    read: (m) => [num(m[1]), MONTH.get((m[2] ?? '').toLowerCase().replace('.', '')), num(m[3])],
  },
];

function num(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}

function year2(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  return s.length === 2 ? 2000 + Number(s) : Number(s);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO value for day / month / year, or undefined when they make no date. */
export function isoDate(
  day: number | undefined,
  month: number | undefined,
  year: number | undefined,
): string | undefined {
  if (month === undefined || month < 1 || month > 12) return undefined;
  if (year !== undefined && (year < 1900 || year > 2100)) return undefined;
  if (day === undefined) return year === undefined ? undefined : `${year}-${pad(month)}`;
  const max = new Date(Date.UTC(year ?? 2024, month, 0)).getUTCDate();
  if (day < 1 || day > max) return undefined;
  return year === undefined ? `--${pad(month)}-${pad(day)}` : `${year}-${pad(month)}-${pad(day)}`;
}

/** All dates in `text`. */
export function findDates(text: string): DetectedEntity[] {
  const out: DetectedEntity[] = [];
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const [d, mo, y] = read(m);
      const value = isoDate(d, mo, y);
      if (value)
        out.push({
          type: 'date',
          text: m[0].trim(),
          value,
          start: m.index,
          end: m.index + m[0].trimEnd().length,
        });
    }
  }
  return out;
}
