/**
 * Cue lexicons and their matcher. A lexicon is written for people: groups of cues with a kind,
 * an optional category and a weight. A cue is one pattern or a phrase of patterns:
 *
 * - `арест`   the Snowball stem of the word (арест, ареста, арестом, аресты all match);
 * - `задерж*` a prefix of the folded token (задержали, задержание, задерживают);
 * - `=не`     the folded token exactly;
 * - `a b`     a phrase: the elements in order, up to 2 tokens apart (`b/5`: up to 5) and in the
 *             same sentence; phrases win over single cues on the tokens they cover.
 * - `cue:1.5` overrides the group weight.
 *
 * Stems catch inflection without the over-matching of short prefixes; prefixes catch
 * derivation (задержать / задержание / задержанный) where the stemmer gives different stems.
 */
import type { ViolationCategory } from '../schemas';
import { stem } from './stem';
import { normalise } from './text';
import type { Lang } from './types';

/** What a cue tells the model. */
export type CueKind =
  | 'abuse' // an act that is itself a violation when done to a protected person (detained, beaten)
  | 'action' // a legal or coercive step (sentenced, fined, searched): a violation only in context
  | 'political' // a political charge or label (дискредитация, иноагент)
  | 'victim' // who it is done to (activist, protester, objector)
  | 'speech' // what was punished (post, comment, song)
  | 'actor' // who does it (police, enlistment office, occupation authorities)
  | 'custody' // where (СИЗО, подвал)
  | 'death' // died, found dead
  | 'crime' // ordinary crime (bribe, murder, drugs)
  | 'military' // battle and army framing
  | 'admin' // laws, decrees, recruitment, benefits, explainers
  | 'neutral' // sport, weather, economy, history
  | 'denial' // reported denial: cues after it in the sentence are discounted
  | 'void'; // consumes tokens so nothing else matches them ("задержаны рейсы")

/** A group of cues sharing kind, category and default weight. */
export interface CueGroup {
  k: CueKind;
  c?: ViolationCategory;
  w?: number;
  /** Comma-separated cues (see the module comment). */
  cues: string;
}

/** A lexicon: its cue groups and the words that negate the next few tokens. */
export interface Lexicon {
  groups: CueGroup[];
  negators: string[];
}

/** A compiled cue. */
export interface Cue {
  k: CueKind;
  c: ViolationCategory | undefined;
  w: number;
  /** Pattern ids, in order. */
  elems: number[];
  /** Largest gap (in tokens) allowed before each element. */
  gaps: number[];
}

/** A lexicon compiled for fast lookup. */
export interface Matcher {
  lang: Lang;
  cues: Cue[];
  /** Single-pattern cues by pattern id. */
  single: Map<number, number[]>;
  /** Phrase cues by the id of their first pattern, longest first. */
  phrase: Map<number, number[]>;
  negators: Set<string>;
  byStem: Map<string, number[]>;
  bySurface: Map<string, number[]>;
  byPrefix: Map<string, number[]>;
  prefixLens: number[];
  /** First two letters of every stem pattern: tokens outside it are never stemmed. */
  stemGate: Set<string>;
}

const EMPTY: readonly number[] = Object.freeze([]);

/** Compiles a lexicon; do it once per language (see `matcherFor` in lexicons.ts). */
export function compileLexicon(lang: Lang, lex: Lexicon): Matcher {
  const m: Matcher = {
    lang,
    cues: [],
    single: new Map(),
    phrase: new Map(),
    negators: new Set(lex.negators.map(normalise)),
    byStem: new Map(),
    bySurface: new Map(),
    byPrefix: new Map(),
    prefixLens: [],
    stemGate: new Set(),
  };
  const ids = new Map<string, number>();
  const add = <K>(map: Map<K, number[]>, key: K, id: number): void => {
    const list = map.get(key);
    if (!list) map.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  };
  const patternId = (p: string): number => {
    let id = ids.get(p);
    if (id !== undefined) return id;
    id = ids.size;
    ids.set(p, id);
    if (p.startsWith('=')) add(m.bySurface, normalise(p.slice(1)), id);
    else if (p.endsWith('*')) {
      const pre = normalise(p.slice(0, -1));
      add(m.byPrefix, pre, id);
      if (!m.prefixLens.includes(pre.length)) m.prefixLens.push(pre.length);
    } else {
      const s = stem(normalise(p), lang);
      add(m.byStem, s, id);
      m.stemGate.add(s.slice(0, 2));
    }
    return id;
  };
  for (const g of lex.groups) {
    for (const raw of g.cues.split(',')) {
      const spec = raw.trim();
      if (!spec) continue;
      const [body = '', weight] = spec.split(':');
      const parts = body.trim().split(/\s+/);
      const gaps = parts.map((p, i) => (i === 0 ? 0 : Number(p.split('/')[1] ?? 2)));
      const elems = parts.map((p) => patternId(p.split('/')[0] ?? p));
      const cue: Cue = { k: g.k, c: g.c, w: weight ? Number(weight) : (g.w ?? 1), elems, gaps };
      const index = m.cues.push(cue) - 1;
      add(elems.length === 1 ? m.single : m.phrase, elems[0] ?? 0, index);
    }
  }
  m.prefixLens.sort((a, b) => b - a);
  for (const list of m.phrase.values())
    list.sort((a, b) => (m.cues[b]?.elems.length ?? 0) - (m.cues[a]?.elems.length ?? 0));
  return m;
}

/** Pattern ids that a folded token matches. */
export function matchToken(m: Matcher, norm: string): readonly number[] {
  let out: number[] | undefined;
  const push = (ids: number[] | undefined): void => {
    if (ids) out = out ? out.concat(ids) : ids.slice();
  };
  push(m.bySurface.get(norm));
  // Longest prefix only: a longer, more specific prefix (задержк-, "delay") overrides задерж-.
  for (const len of m.prefixLens) {
    if (len > norm.length) continue;
    const ids = m.byPrefix.get(norm.slice(0, len));
    if (ids) {
      push(ids);
      break;
    }
  }
  if (norm.length >= 2 && m.stemGate.has(norm.slice(0, 2))) push(m.byStem.get(stem(norm, m.lang)));
  return out ?? EMPTY;
}
