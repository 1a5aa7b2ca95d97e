/**
 * Runs a compiled lexicon over tokens: phrases first, then single cues, with negation ("не
 * задерживали") and reported-denial scope ("опровергли сообщения о задержаниях") applied.
 */
import type { Matcher } from './cues';
import { matchToken } from './cues';
import { SEP_CLAUSE, SEP_COMMA, SEP_SENTENCE, type Tokens } from './text';

/** One cue occurrence. `w` is the cue weight after negation and denial discounts. */
export interface Hit {
  cue: number;
  from: number;
  to: number;
  w: number;
  sentence: number;
}

const NEGATION_REACH = 3;
const DENIED = 0.15;
const BOUNDARY = SEP_COMMA | SEP_CLAUSE | SEP_SENTENCE;
// Negation and denial change the meaning of acts, not of who or where.
const NEGATABLE = new Set(['abuse', 'action', 'death', 'political']);

/**
 * Finds cue hits. `masked[i]` true means token i is ignored (an attribution such as
 * "(в реестре «иноагентов»)" after a media outlet's name).
 */
export function scan(m: Matcher, t: Tokens, masked?: Uint8Array): Hit[] {
  const n = t.norm.length;
  const pids = new Array<readonly number[]>(n);
  for (let i = 0; i < n; i++) pids[i] = masked?.[i] ? [] : matchToken(m, t.norm[i] ?? '');
  const consumed = new Uint8Array(n);
  const hits: Hit[] = [];
  let s = 0;
  let sentenceEnd = t.sentenceStart[1] ?? n;
  let deniedFrom = -1;
  let deniedTo = -1;
  for (let i = 0; i < n; i++) {
    while (i >= sentenceEnd) {
      s++;
      sentenceEnd = t.sentenceStart[s + 1] ?? n;
    }
    const ids = pids[i] ?? [];
    if (ids.length === 0 || consumed[i]) continue;
    const hit = matchPhrase(m, pids, consumed, i, sentenceEnd, ids) ?? matchSingle(m, ids, i);
    if (!hit) continue;
    for (const h of hit) {
      h.sentence = s;
      const cue = m.cues[h.cue];
      if (!cue) continue;
      for (let k = h.from; k < h.to; k++) consumed[k] = 1;
      if (cue.k === 'void') continue;
      if (cue.k === 'denial') {
        deniedFrom = h.to;
        deniedTo = sentenceEnd;
      } else if (NEGATABLE.has(cue.k)) {
        if (h.from >= deniedFrom && h.from < deniedTo) h.w *= DENIED;
        if (h.to - h.from === 1 && negated(m, t, consumed, h.from)) h.w = 0;
      }
      if (h.w > 0) hits.push(h);
    }
  }
  return hits;
}

function matchSingle(m: Matcher, ids: readonly number[], i: number): Hit[] | undefined {
  let out: Hit[] | undefined;
  for (const id of ids) {
    for (const c of m.single.get(id) ?? []) {
      const cue = m.cues[c];
      if (cue) (out ??= []).push({ cue: c, from: i, to: i + 1, w: cue.w, sentence: 0 });
    }
  }
  return out;
}

function matchPhrase(
  m: Matcher,
  pids: ReadonlyArray<readonly number[]>,
  consumed: Uint8Array,
  i: number,
  end: number,
  ids: readonly number[],
): Hit[] | undefined {
  for (const id of ids) {
    for (const c of m.phrase.get(id) ?? []) {
      const cue = m.cues[c];
      if (!cue) continue;
      let pos = i;
      let ok = true;
      for (let e = 1; e < cue.elems.length && ok; e++) {
        ok = false;
        const limit = Math.min(end, pos + 2 + (cue.gaps[e] ?? 2));
        for (let k = pos + 1; k < limit; k++) {
          if (!consumed[k] && pids[k]?.includes(cue.elems[e] ?? -1)) {
            pos = k;
            ok = true;
            break;
          }
        }
      }
      if (ok) return [{ cue: c, from: i, to: pos + 1, w: cue.w, sentence: 0 }];
    }
  }
  return undefined;
}

function negated(m: Matcher, t: Tokens, consumed: Uint8Array, i: number): boolean {
  for (let k = i; k > i - NEGATION_REACH && k > 0; k--) {
    // A comma or clause break between the negator and the act ends the negation's reach.
    if ((t.sep[k] ?? 0) & BOUNDARY) return false;
    if (!consumed[k - 1] && m.negators.has(t.norm[k - 1] ?? '')) return true;
  }
  return false;
}
