/**
 * The analysis shared by `detect()` and by on-device learning: text to features, categories'
 * evidence and entities, with the work bounded for very long pages.
 */
import { attributionMask } from './attribution';
import { extractEntities, isPoliticalArticle } from './entities';
import { analyse, sentenceStats, type Analysis } from './features';
import { detectLanguage } from './lang';
import { matcherFor } from './lexicons';
import { scan } from './scan';
import { sentenceRange, tokenize, type Tokens } from './text';
import type { DetectedEntity, Lang } from './types';

/**
 * Text beyond this many characters is not analysed. A 2 MB page is mostly navigation,
 * comments and repeated teasers; the first 600 K characters keep the scan under ~1 s even on
 * a slow machine, and passages and entities keep their offsets into the original text.
 */
export const MAX_CHARS = 600_000;

/** Everything computed from one text. */
export interface TextAnalysis {
  lang: Lang;
  tokens: Tokens;
  analysis: Analysis;
  entities: DetectedEntity[];
  /** [start, end) character offsets of sentence `s`, trimmed to its tokens. */
  span: (s: number) => [number, number];
}

/** Analyses `text` (the first MAX_CHARS characters of it). */
export function analyseText(text: string, lang?: Lang): TextAnalysis {
  const src = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const l = lang ?? detectLanguage(src);
  const m = matcherFor(l);
  const tokens = tokenize(src);
  const mask = attributionMask(src, tokens);
  const hits = scan(m, tokens, mask?.masked);
  const stats = sentenceStats(m, hits, tokens.sentenceStart.length);
  for (const s of mask?.personSentences ?? []) {
    const st = stats[s];
    // A bracketed "foreign agent" tag after a person's name: the story concerns a labelled person.
    if (st) st.kinds[3] = (st.kinds[3] ?? 0) + 0.5;
  }
  const entities = extractEntities(src, l);
  const analysis = analyse(
    stats,
    entities.some((e) => e.type === 'legal_article' && isPoliticalArticle(e.value)),
  );
  const span = (s: number): [number, number] => {
    const [from, to] = sentenceRange(tokens, s);
    return [tokens.start[from] ?? 0, tokens.end[Math.max(from, to - 1)] ?? src.length];
  };
  return { lang: l, tokens, analysis, entities, span };
}
