/**
 * Language identification for ru / uk / en from letters and function words. A few hundred
 * characters are enough; longer texts are sampled so a 2 MB page costs no more than a post.
 */
import type { Lang } from './types';

const SAMPLE = 20_000;
const LATIN = /[a-z]/gi;
const CYRILLIC = /[\u0400-\u04ff]/g;
// Letters only one of the two languages uses.
const UK_LETTERS = /[іїєґ]/gi;
const RU_LETTERS = /[ыэъё]/gi;
// Frequent words that exist in one language only (Ukrainian "та", "що"; Russian "что", "это").
const UK_WORDS =
  /(?<![\p{L}])(?:та|що|це|від|але|або|він|вона|вони|який|яка|які|після|під час|також|його|її|їх|й)(?![\p{L}])/giu;
const RU_WORDS =
  /(?<![\p{L}])(?:что|это|от|но|или|он|она|они|который|которая|которые|после|также|его|её|их|и|был|была|были)(?![\p{L}])/giu;

function count(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null) n++;
  return n;
}

/** Guesses the language of `text`; Russian when there is nothing to go on (the common case). */
export function detectLanguage(text: string): Lang {
  const s = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const latin = count(LATIN, s);
  const cyr = count(CYRILLIC, s);
  if (latin > cyr * 1.5 && latin > 0) return 'en';
  if (cyr === 0) return latin > 0 ? 'en' : 'ru';
  // Letters weigh less than words: a Russian text quoting a Ukrainian name has a few "і".
  const uk = count(UK_LETTERS, s) + 3 * count(UK_WORDS, s);
  const ru = count(RU_LETTERS, s) + 3 * count(RU_WORDS, s);
  return uk > ru ? 'uk' : 'ru';
}
