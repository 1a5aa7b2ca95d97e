/**
 * Tokens and sentences with offsets into the original text, so that passages and entities can be
 * mapped back to the page. One regex pass; parallel arrays keep a 2 MB page cheap.
 */

/** Punctuation seen between the previous token and this one. */
export const SEP_COMMA = 1;
export const SEP_CLAUSE = 2; // ; : — and brackets: ends the scope of a negation or a denial
export const SEP_SENTENCE = 4;

/** Tokenised text. `norm[i]` is lower case, ё→е, without apostrophes, soft hyphens or accents. */
export interface Tokens {
  start: number[];
  end: number[];
  norm: string[];
  sep: number[];
  /** Token index where each sentence starts; the last sentence ends at `norm.length`. */
  sentenceStart: number[];
}

// A word: letters/digits, inner apostrophes (Ukrainian м'ясо, English don't), soft hyphens and
// combining accents. Punctuation groups are matched so that sentence breaks can be seen.
const TOKEN =
  /([\p{L}\p{N}](?:[\p{L}\p{N}\p{M}\u00ad]|['’ʼ](?=\p{L}))*)|(\n\s*\n|\n)|([.!?…]+)|([;:()\u2014]|\s-\s)|(,)/gu;
const STRIP = /[\u00ad'’ʼ\p{M}]/gu;
// Abbreviations after which a full stop does not end a sentence.
const ABBREV = new Set([
  'г',
  'гг',
  'ул',
  'им',
  'ст',
  'ч',
  'п',
  'пп',
  'д',
  'т',
  'тыс',
  'млн',
  'млрд',
  'руб',
  'см',
  'др',
  'проф',
  'обл',
  'р',
  'пер',
  'пр',
  'no',
  'nos',
  'mr',
  'mrs',
  'dr',
  'st',
  'vs',
  'art',
  'sec',
]);
const UPPER_START = /^[\p{Lu}«"“„([]/u;

/** Lower-cases and folds a token for matching. */
export function normalise(word: string): string {
  const w = word.toLowerCase();
  return (STRIP.test(w) ? w.replace(STRIP, '') : w).replace(/ё/g, 'е');
}

/** Splits `text` into tokens and sentences. */
export function tokenize(text: string): Tokens {
  const t: Tokens = { start: [], end: [], norm: [], sep: [], sentenceStart: [0] };
  let pending = 0;
  let stopAfter = '';
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const [whole, word, newline, stop, clause] = m;
    if (word === undefined) {
      if (newline !== undefined) pending |= SEP_SENTENCE;
      else if (stop !== undefined) {
        // "ст. 328", "в/ч", initials ("И. Петров"): a stop after an abbreviation or a single
        // letter only ends the sentence when the next token starts with a capital.
        const prev = t.norm[t.norm.length - 1] ?? '';
        stopAfter = stop === '.' && (ABBREV.has(prev) || prev.length === 1) ? 'abbrev' : 'stop';
      } else pending |= clause !== undefined ? SEP_CLAUSE : SEP_COMMA;
      continue;
    }
    if (stopAfter) {
      // Lower case or a digit after a stop ("т. е.", "ст. 328") continues the sentence.
      pending |=
        stopAfter === 'stop' && UPPER_START.test(text.charAt(m.index)) ? SEP_SENTENCE : SEP_CLAUSE;
      stopAfter = '';
    }
    const i = t.norm.length;
    if (pending & SEP_SENTENCE && i > 0) t.sentenceStart.push(i);
    t.start.push(m.index);
    t.end.push(m.index + whole.length);
    t.norm.push(normalise(word));
    t.sep.push(pending);
    pending = 0;
  }
  return t;
}

/** Token range [from, to) of sentence `s`. */
export function sentenceRange(t: Tokens, s: number): [number, number] {
  return [t.sentenceStart[s] ?? 0, t.sentenceStart[s + 1] ?? t.norm.length];
}
