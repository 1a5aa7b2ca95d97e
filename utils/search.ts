/**
 * Text folding and tokenising for the library search. Pure module.
 * The same folding is applied to stored text and to queries, so lossy steps (й→и, ї→і)
 * cost nothing in recall: both sides lose the same marks.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const WHITESPACE = /\s+/gu;
// A word is letters/digits, optionally joined by apostrophes (Ukrainian м'ясо, English don't):
// splitting there would leave one-letter fragments that are never indexed.
const WORD = /[\p{L}\p{N}]+(?:['’ʼ`][\p{L}\p{N}]+)*/gu;
const APOSTROPHES = /['’ʼ`]/gu;
/** Longer tokens are cut here on both sides (index and query) to keep the index small. */
const MAX_TOKEN_LENGTH = 40;
const MIN_INDEXED_LENGTH = 2;

/**
 * Folds text for search: compatibility decomposition (ligatures, full-width forms),
 * combining marks removed (stress accents, ё→е, й→и, ї→і), locale-independent lower case,
 * whitespace collapsed to single spaces and trimmed.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(WHITESPACE, ' ')
    .trim();
}

function* tokens(text: string): Generator<string> {
  for (const m of foldText(text).matchAll(WORD)) {
    yield m[0].replace(APOSTROPHES, '').slice(0, MAX_TOKEN_LENGTH);
  }
}

/**
 * Unique folded word tokens of a text (at least 2 characters), in order of first
 * appearance, at most `max` of them, for the multi-entry `words` index.
 */
export function searchTokens(text: string, max = 20000): string[] {
  const seen = new Set<string>();
  for (const t of tokens(text)) {
    if (seen.size >= max) break;
    if (t.length >= MIN_INDEXED_LENGTH) seen.add(t);
  }
  return [...seen];
}

/** Unique folded tokens of a user query; one-letter tokens are kept (they match as prefixes). */
export function queryTokens(q: string): string[] {
  return [...new Set(tokens(q))].filter((t) => t.length >= 1);
}
