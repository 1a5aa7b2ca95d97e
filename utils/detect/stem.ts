/**
 * Snowball stemmers (from @orama/stemmers: Russian, Ukrainian, English, ~10 KB together, no
 * dictionaries) behind a small cache. Cyrillic tokens take the document's language stemmer,
 * Latin tokens the English one, so a Russian text quoting English still matches.
 */
import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemRu } from '@orama/stemmers/russian';
import { stemmer as stemUk } from '@orama/stemmers/ukrainian';
import type { Lang } from './types';

const CACHE_LIMIT = 50_000;
const caches: Record<Lang, Map<string, string>> = { ru: new Map(), uk: new Map(), en: new Map() };
const LATIN_START = /^[a-z]/;

/** The stem of a normalised token (see `normalise` in text.ts). */
export function stem(norm: string, lang: Lang): string {
  const l: Lang = LATIN_START.test(norm) ? 'en' : lang === 'en' ? 'ru' : lang;
  const cache = caches[l];
  let s = cache.get(norm);
  if (s === undefined) {
    s =
      norm.length < 3 ? norm : l === 'en' ? stemEn(norm) : l === 'uk' ? stemUk(norm) : stemRu(norm);
    // A page can bring many rare words; dropping the cache is cheaper than an LRU.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(norm, s);
  }
  return s;
}
