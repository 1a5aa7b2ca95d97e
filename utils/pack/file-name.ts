/**
 * The pack's file name: `<case-or-protokol>-<UTC yyyymmddThhmmssZ>.protokol.zip` (spec: "The file").
 * The case part is ASCII so the name survives every file system, mail gateway and court
 * registry; Cyrillic titles are transliterated rather than dropped.
 */

// Russian and Ukrainian letters to Latin (close to the passport transliteration tables).
const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ў: 'u',
};

const MAX_SLUG = 60;

/** ASCII slug of a case title: transliterated, lower case, `-` between words; 'case' if nothing is left. */
export function caseSlug(title: string): string {
  // Transliterate before decomposing: NFKD would split й and ї into a base letter and a mark.
  const latin = Array.from(title.normalize('NFC').toLowerCase(), (ch) => TRANSLIT[ch] ?? ch).join(
    '',
  );
  const slug = latin
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug || 'case';
}

/** `yyyymmddThhmmssZ` in UTC. */
export function compactUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** The pack's file name for a case title (or null: no case) and the export time. */
export function packFileName(caseTitle: string | null, date: Date): string {
  const head = caseTitle === null ? 'protokol' : caseSlug(caseTitle);
  return `${head}-${compactUtc(date)}.protokol.zip`;
}
