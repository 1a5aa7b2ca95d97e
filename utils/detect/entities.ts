/**
 * Entity extraction: the facts that make a case, with normalised values for tags — military
 * units (`в/ч 21005` → `21005`), enlistment offices, detention places, criminal-code articles
 * (`ч. 2 ст. 330.1 УК РФ` → `УК РФ 330.1 ч. 2`), dates, places, organisations and people.
 * Regexes are compiled once at module load; offsets are into the given text.
 */
import { findDates } from './entities-dates';
import { findOrganisations, findPersons, findPlaces } from './entities-names';
import type { DetectedEntity, EntityType, Lang } from './types';

const MAX_ENTITIES = 500;

const UNIT =
  /(?=[вВmMвВ])(?<![\p{L}\p{N}])(?:в\/ч|в\.\s?ч\.|ВЧ|войсков\p{L}*\s+част\p{L}*|воинск\p{L}*\s+част\p{L}*|військов\p{L}*\s+частин\p{L}*|military\s+unit)\s*(?:№|N[oº°]\.?|No\.?|#)?\s*([АA]\s?-?\s?\d{4}|\d{4,5})(?![\p{L}\p{N}])/giu;

const OFFICE =
  /(?=[вВтТцЦeEdDmMrRT])(?<![\p{L}])(военкомат\p{L}*|военн\p{L}+\s+комиссариат\p{L}*|військкомат\p{L}*|ТЦК(?:\s+(?:та|и)\s+СП)?|(?:територіальн\p{L}+\s+)?центр\p{L}*\s+комплектуван\p{L}+(?:\s+та\s+соціальн\p{L}+\s+підтримк\p{L}+)?|(?:military\s+)?enlistment\s+offices?|draft\s+offices?|military\s+commissariats?|(?:territorial\s+)?recruitment\s+(?:and\s+social\s+support\s+)?cent(?:er|re)s?|TCC)(?![\p{L}])/giu;

const DETENTION: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [
    /(?<![\p{L}])(СИЗО|СІЗО|SIZO)(?:\s*[-–]\s*|\s*№\s*)?(\d{1,3})?(?:\s+«([^«»\n]{2,30})»)?/gu,
    (m) => (m[2] ? `${m[1]}-${m[2]}` : m[3] ? `${m[1]} «${m[3]}»` : (m[1] ?? '')),
  ],
  [/(?<![\p{L}])(ИВС|ІТТ|ШИЗО|ПКТ|ЛИУ)(?![\p{L}])/gu, (m) => m[1] ?? ''],
  [/(?<![\p{L}])(ИК|ІК|IK)\s*(?:-|№)\s*(\d{1,3})(?![\p{N}])/gu, (m) => `${m[1]}-${m[2]}`],
  [
    /(?<![\p{L}])исправительн\p{L}*\s+колони\p{L}*(?:\s*№\s*(\d{1,3}))?/giu,
    (m) => (m[1] ? `ИК-${m[1]}` : 'колония'),
  ],
  [
    /(?=[вВиИуУдД])(?<![\p{L}])(?:в|из|у|до|в\s+той\s+же)\s+(колони[\p{L}]*(?:-поселени\p{L}*)?)(?:\s*№\s*(\d{1,3}))?/giu,
    (m) =>
      m[2]
        ? `ИК-${m[2]}`
        : /-посел/u.test(m[1] ?? '')
          ? 'колония-поселение'
          : m[1]?.startsWith('колоні')
            ? 'колонія'
            : 'колония',
  ],
  [
    /(?=[нНпП])(?<![\p{L}])(?:на\s+)?(подвал\p{L}*|підвал\p{L}*)/giu,
    (m) => (m[1]?.startsWith('під') ? 'підвал' : 'подвал'),
  ],
  [/(?<![\p{L}])изолятор\p{L}*\s+временного\s+содержания/giu, () => 'ИВС'],
  [
    /(?=[иИіІсСгГ])(?<![\p{L}])(изолятор\p{L}*|ізолятор\p{L}*|спецпри[её]мник\p{L}*|гауптвахт\p{L}*)/giu,
    (m) => canonicalPlace(m[1] ?? ''),
  ],
  [
    /(?=[pPdDgGbB])(?<![\p{L}])(penal\s+colony|pre-trial\s+detention\s+(?:centre|center)|detention\s+(?:centre|center|facility)|guardhouse|basement)(?![\p{L}])/giu,
    (m) => (m[1] ?? '').toLowerCase().replace(/\s+/g, ' '),
  ],
];

const ARTICLE =
  /(?=[сСaA])(?<![\p{L}])(?:ст\.|стать[яиеюё]\p{L}*|статей|статт[яіею]\p{L}*|art\.|articles?)\s*(\d{1,3}(?:\.\d{1,2}){0,2}(?:-\d)?)(?:\s+(УК\s*РФ|УК|КоАП\s*РФ|КоАП|ККУ|КК\s*України|КК|КУпАП|of\s+the\s+(?:Russian\s+|Ukrainian\s+)?(?:Criminal|Administrative)\s+(?:Offences\s+)?Code(?:\s+of\s+(?:Russia|Ukraine))?))?/giu;
// "ч. 2 ст. 330.1": the part, read just before an article (a separate regex keeps ARTICLE fast).
const PART_BEFORE = /(?<![\p{L}])(?:ч\.|част[ьиію]\p{L}*|part)\s*(\d{1,2})\s*,?\s*$/iu;

// Articles used against dissent, objectors and refusers (УК РФ, КоАП РФ, ККУ).
const POLITICAL = new Set([
  'УК РФ 207.3',
  'УК РФ 280',
  'УК РФ 280.1',
  'УК РФ 280.3',
  'УК РФ 280.4',
  'УК РФ 282',
  'УК РФ 282.1',
  'УК РФ 282.2',
  'УК РФ 282.3',
  'УК РФ 284.1',
  'УК РФ 330.1',
  'УК РФ 275',
  'УК РФ 275.1',
  'УК РФ 205.2',
  'УК РФ 354.1',
  'УК РФ 212',
  'УК РФ 212.1',
  'УК РФ 328',
  'УК РФ 332',
  'УК РФ 337',
  'УК РФ 338',
  'КоАП РФ 20.3.3',
  'КоАП РФ 20.3.1',
  'КоАП РФ 19.34',
  'КоАП РФ 20.2',
  'КоАП РФ 20.33',
  'ККУ 336',
]);

function canonicalPlace(word: string): string {
  const w = word.toLowerCase();
  if (w.startsWith('ізолятор')) return 'ізолятор';
  if (w.startsWith('изолятор')) return 'изолятор';
  if (w.startsWith('гауптвахт')) return 'гауптвахта';
  return 'спецприёмник';
}

function codeOf(raw: string | undefined, number: string, lang: Lang): string {
  const c = (raw ?? '').replace(/\s+/g, ' ').toLowerCase();
  if (c.startsWith('коап')) return 'КоАП РФ';
  if (c.startsWith('купап')) return 'КУпАП';
  if (c === 'ккУ'.toLowerCase() || c.startsWith('кк')) return 'ККУ';
  if (c.includes('ukrain')) return 'ККУ';
  if (c.includes('administrative')) return 'КоАП РФ';
  if (c.startsWith('ук') || c.includes('criminal')) return 'УК РФ';
  // No code named: three-level numbers (20.3.3) are КоАП; otherwise the language's criminal code.
  if (/^\d+\.\d+\.\d+$/.test(number)) return lang === 'uk' ? 'КУпАП' : 'КоАП РФ';
  return lang === 'uk' ? 'ККУ' : 'УК РФ';
}

function unitValue(raw: string): string {
  return raw.replace(/[\s-]/g, '').replace(/^A/, 'А');
}

function officeValue(raw: string): string {
  const w = raw.toLowerCase();
  if (w.startsWith('військкомат')) return 'військкомат';
  if (w.startsWith('воен')) return 'военкомат';
  if (w.startsWith('тцк') || w.includes('комплектуван')) return 'ТЦК та СП';
  if (w === 'tcc' || w.includes('recruitment')) return 'TCC';
  return 'military enlistment office';
}

function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) fn(m);
}

function entity(type: EntityType, m: RegExpExecArray, value: string): DetectedEntity {
  const text = m[0].trimEnd();
  return { type, text, value, start: m.index, end: m.index + text.length };
}

// When two entities overlap the earlier type in this list wins, then the longer one.
const PRIORITY: EntityType[] = [
  'legal_article',
  'military_unit',
  'date',
  'detention_place',
  'enlistment_office',
  'organisation',
  'person',
  'place',
];

function resolveOverlaps(all: DetectedEntity[]): DetectedEntity[] {
  const rank = (e: DetectedEntity): number => PRIORITY.indexOf(e.type) * 1e6 - (e.end - e.start);
  const sorted = [...all].sort((a, b) => rank(a) - rank(b));
  const taken: DetectedEntity[] = [];
  for (const e of sorted) if (!taken.some((t) => e.start < t.end && t.start < e.end)) taken.push(e);
  return taken.sort((a, b) => a.start - b.start || a.end - b.end).slice(0, MAX_ENTITIES);
}

/** All entities in `text`, in document order, without overlaps. */
export function extractEntities(text: string, lang: Lang): DetectedEntity[] {
  const out: DetectedEntity[] = [];
  each(UNIT, text, (m) => out.push(entity('military_unit', m, unitValue(m[1] ?? ''))));
  each(OFFICE, text, (m) => out.push(entity('enlistment_office', m, officeValue(m[1] ?? ''))));
  for (const [re, value] of DETENTION)
    each(re, text, (m) => out.push(entity('detention_place', m, value(m))));
  each(ARTICLE, text, (m) => {
    const number = m[1] ?? '';
    const e = entity('legal_article', m, '');
    const before = PART_BEFORE.exec(text.slice(Math.max(0, m.index - 16), m.index));
    if (before) {
      e.start -= before[0].length;
      e.text = text.slice(e.start, e.end);
    }
    e.value = `${codeOf(m[2], number, lang)} ${number}${before ? ` ч. ${before[1]}` : ''}`;
    out.push(e);
  });
  out.push(
    ...findDates(text),
    ...findPlaces(text),
    ...findOrganisations(text),
    ...findPersons(text),
  );
  return resolveOverlaps(out);
}

/** Whether a legal_article value names an article used against dissent or objectors. */
export function isPoliticalArticle(value: string): boolean {
  return POLITICAL.has(value.replace(/ ч\. \d+$/, ''));
}
