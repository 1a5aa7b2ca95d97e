/**
 * Places, organisations and people. Places and organisations come from the gazetteer plus
 * patterns ("Курской области", "в городе X", «Name» after "фонд"/"organisation"); people from
 * patronymics, initials and a first-name list followed by a capitalised surname.
 */
import {
  FIRST_NAMES_CYR,
  FIRST_NAMES_LAT,
  ORGANISATIONS,
  PLACES_CYR,
  PLACES_LAT,
} from './gazetteer';
import type { DetectedEntity, EntityType } from './types';

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const UP = 'А-ЯЁІЇЄҐ';
const LOW = "а-яёіїєґ'’ʼ";

interface Gazette {
  all: RegExp;
  entries: Array<[string, RegExp]>;
}

function gazette(list: Array<[string, string]>, flags = 'gu'): Gazette {
  return {
    // The lookahead lets the engine skip lower-case positions before trying ~100 alternatives.
    all: new RegExp(`(?=[${UP}A-Z«])${B}(?:${list.map(([, re]) => re).join('|')})${E}`, flags),
    entries: list.map(([value, re]) => [value, new RegExp(`^(?:${re})$`, 'u')]),
  };
}

const PLACES = gazette([...PLACES_CYR, ...PLACES_LAT]);
const ORGS = gazette(ORGANISATIONS);

// "Курской области" → "Курская область"; "Херсонській області" → "Херсонська область".
const REGION = new RegExp(
  `(?=[${UP}])${B}([${UP}][${LOW}]+(?:-[${UP}][${LOW}]+)?(?:ск|цк|зск|зьк|ськ|цьк)(?:ой|ая|ую|ий|ого|ому|ом|а|ої|ій|у|ої))\\s+(област[\\p{L}]*|кра[йяюе][\\p{L}]*|республик[\\p{L}]*|округ[\\p{L}]*)${E}`,
  'gu',
);
const SHCHYNA = new RegExp(`(?=[${UP}])${B}([${UP}][${LOW}]+щин)(?:а|и|і|у|е|ой|ою)${E}`, 'gu');
const EN_REGION =
  /(?=[A-Z])(?<![\p{L}])([A-Z][a-z]+(?:-[A-Z][a-z]+)?) (region|oblast|province)(?![\p{L}])/gu;
const CITY_OF = new RegExp(
  `(?=[вуi])${B}(?:в\\s+городе|в\\s+г\\.|в\\s+посёлке|в\\s+поселке|в\\s+селе|в\\s+місті|у\\s+місті|в\\s+селі|у\\s+селі|in\\s+the\\s+(?:city|town|village)\\s+of)\\s+([${UP}A-Z][${LOW}a-z]+(?:-[${UP}A-Z][${LOW}a-z]+)*)`,
  'gu',
);
const QUOTED_ORG = new RegExp(
  `(?=[офпдцНирg])${B}(?:организаци[\\p{L}]*|фонд[\\p{L}]*|проект[\\p{L}]*|движени[\\p{L}]*|центр[\\p{L}]*|НКО|издани[\\p{L}]*|організаці[\\p{L}]*|рух[\\p{L}]*|правозахисн[\\p{L}]*\\s+груп[\\p{L}]*|правозащитн[\\p{L}]*\\s+групп[\\p{L}]*)\\s+«([^«»\\n]{2,40})»`,
  'gu',
);

const CYR_NAME = `[${UP}][${LOW}]+(?:-[${UP}][${LOW}]+)?`;
const PATRONYMIC = `[${UP}][${LOW}]+(?:ович|евич|йович|ьич|овн|евн|ичн|івн|ївн)[${LOW}]{0,3}`;
const PERSON_PATTERNS: RegExp[] = [
  // Фамилия Имя Отчество, Имя Отчество Фамилия, Имя Отчество
  new RegExp(`(?=[${UP}])${B}${CYR_NAME}\\s+${CYR_NAME}\\s+${PATRONYMIC}${E}`, 'gu'),
  new RegExp(`(?=[${UP}])${B}${CYR_NAME}\\s+${PATRONYMIC}(?:\\s+${CYR_NAME})?${E}`, 'gu'),
  // И. И. Петров, Петров И. И.
  new RegExp(
    `(?=[${UP}])${B}[${UP}]\\.\\s?(?:[${UP}]\\.\\s?)?[${UP}][${LOW}]{2,}(?:-[${UP}][${LOW}]+)?${E}`,
    'gu',
  ),
  new RegExp(`(?=[${UP}])${B}[${UP}][${LOW}]{2,}\\s[${UP}]\\.\\s?[${UP}]\\.`, 'gu'),
  // Known first name (any case ending) + capitalised surname
  new RegExp(
    `(?=[${UP}])${B}(?:${FIRST_NAMES_CYR})[${LOW}]{0,4}\\s+[${UP}][${LOW}]{2,}(?:-[${UP}][${LOW}]+)?${E}`,
    'gu',
  ),
  new RegExp(`(?=[A-Z])${B}(?:${FIRST_NAMES_LAT})\\s+[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?${E}`, 'gu'),
];
// Capitalised words that follow a first name but are not surnames.
const NOT_SURNAME =
  /^(?:Россия|России|Украина|Украины|Україна|України|Москва|Москвы|Киев|Київ|The|Court|Police)$/u;

function push(
  out: DetectedEntity[],
  type: EntityType,
  text: string,
  value: string,
  start: number,
): void {
  out.push({ type, text, value, start, end: start + text.length });
}

function fromGazette(out: DetectedEntity[], type: EntityType, g: Gazette, text: string): void {
  g.all.lastIndex = 0;
  for (let m = g.all.exec(text); m !== null; m = g.all.exec(text)) {
    const found = g.entries.find(([, re]) => re.test(m[0]));
    if (found) push(out, type, m[0], found[0], m.index);
  }
}

function regionValue(adj: string, noun: string): string {
  const n = noun.toLowerCase();
  if (n.startsWith('област')) {
    const uk = /(ськ|цьк|зьк)(?:а|ої|ій|у)$/u.test(adj);
    return uk
      ? `${adj.replace(/(?:а|ої|ій|у)$/u, 'а')} область`
      : `${adj.replace(/(?:ой|ая|ую)$/u, 'ая')} область`;
  }
  if (n.startsWith('респ')) return `${adj.replace(/(?:ой|ая|ую)$/u, 'ая')} республика`;
  const base = adj.replace(/(?:ий|ого|ому|ом)$/u, 'ий');
  return n.startsWith('окр') ? `${base} округ` : `${base} край`;
}

/** Places in `text`. */
export function findPlaces(text: string): DetectedEntity[] {
  const out: DetectedEntity[] = [];
  fromGazette(out, 'place', PLACES, text);
  for (const re of [REGION, SHCHYNA, EN_REGION, CITY_OF]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const g1 = m[1] ?? '';
      if (re === REGION) push(out, 'place', m[0], regionValue(g1, m[2] ?? ''), m.index);
      else if (re === SHCHYNA) push(out, 'place', m[0], `${g1}а`, m.index);
      else if (re === EN_REGION) push(out, 'place', m[0], `${g1} ${m[2] ?? ''}`, m.index);
      else push(out, 'place', g1, g1, m.index + m[0].length - g1.length);
    }
  }
  return out;
}

/** Organisations in `text`. */
export function findOrganisations(text: string): DetectedEntity[] {
  const out: DetectedEntity[] = [];
  fromGazette(out, 'organisation', ORGS, text);
  QUOTED_ORG.lastIndex = 0;
  for (let m = QUOTED_ORG.exec(text); m !== null; m = QUOTED_ORG.exec(text)) {
    const name = m[1] ?? '';
    push(out, 'organisation', `«${name}»`, name, m.index + m[0].length - name.length - 2);
  }
  return out;
}

/** People's names in `text`; the value is the name with spaces normalised. */
export function findPersons(text: string): DetectedEntity[] {
  const out: DetectedEntity[] = [];
  for (const re of PERSON_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const last = m[0].split(/\s+/).pop() ?? '';
      if (NOT_SURNAME.test(last)) continue;
      push(out, 'person', m[0], m[0].replace(/\s+/g, ' '), m.index);
    }
  }
  return out;
}
