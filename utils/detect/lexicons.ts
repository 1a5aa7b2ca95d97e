/**
 * The compiled lexicon per language, built on first use (compiling stems every cue once:
 * ~1 ms) and kept for the life of the content script or worker.
 */
import { compileLexicon, type Matcher } from './cues';
import { LEXICON_EN } from './lexicon-en';
import { LEXICON_RU } from './lexicon-ru';
import { LEXICON_UK } from './lexicon-uk';
import type { Lang } from './types';

const compiled = new Map<Lang, Matcher>();
const SOURCES = { ru: LEXICON_RU, uk: LEXICON_UK, en: LEXICON_EN } as const;

/** The matcher for `lang`. */
export function matcherFor(lang: Lang): Matcher {
  let m = compiled.get(lang);
  if (!m) {
    m = compileLexicon(lang, SOURCES[lang]);
    compiled.set(lang, m);
  }
  return m;
}
