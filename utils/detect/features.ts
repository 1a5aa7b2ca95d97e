/**
 * Sentence statistics and the document feature vector that the combining model scores.
 * Evidence is pooled over a window (the sentence, its neighbours and the headline) because
 * news states the act and the victim in different sentences ("Журналистку приговорили..." /
 * "...по статье о «фейках»").
 */
import { ViolationCategory } from '../schemas';
import type { CueKind, Matcher } from './cues';
import type { Hit } from './scan';

export const CATEGORIES = ViolationCategory.options;
const KINDS: readonly CueKind[] = [
  'abuse',
  'action',
  'political',
  'victim',
  'speech',
  'actor',
  'custody',
  'death',
  'crime',
  'military',
  'admin',
  'neutral',
  'denial',
];
const K = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<CueKind, number>;

/** Names of the document features, in vector order (the model's weights follow it). */
export const FEATURES = [
  'abuse',
  'abuse_ctx',
  'abuse_actor',
  'action_ctx',
  'political',
  'victim',
  'death_custody',
  'peak',
  'pol_article',
  'crime_ctx',
  'crime',
  'military',
  'admin',
  'neutral',
  'denial',
] as const;
export type FeatureName = (typeof FEATURES)[number];

/** Evidence summed per sentence. */
export interface SentenceStats {
  kinds: Float64Array;
  /** Abuse and political evidence per category (CATEGORIES order). */
  cats: Float64Array;
}

/** What the model and the passage picker need from a document. */
export interface Analysis {
  x: number[];
  /** Per-category evidence for the whole document. */
  evidence: Float64Array;
  /** Per-sentence strength and per-sentence category evidence. */
  strength: Float64Array;
  sentenceCats: Float64Array[];
}

const log1p = Math.log1p;

/** Sums hits per sentence. */
export function sentenceStats(m: Matcher, hits: Hit[], sentences: number): SentenceStats[] {
  const out: SentenceStats[] = [];
  for (let s = 0; s < sentences; s++)
    out.push({ kinds: new Float64Array(KINDS.length), cats: new Float64Array(CATEGORIES.length) });
  for (const h of hits) {
    const cue = m.cues[h.cue];
    const st = out[h.sentence];
    if (!cue || !st || cue.k === 'void') continue;
    const k = K[cue.k];
    st.kinds[k] = (st.kinds[k] ?? 0) + h.w;
    if (cue.c && (cue.k === 'abuse' || cue.k === 'political')) {
      const c = CATEGORIES.indexOf(cue.c);
      st.cats[c] = (st.cats[c] ?? 0) + h.w;
    }
  }
  return out;
}

/**
 * Builds the feature vector. `politicalArticle` is true when an entity names an article used
 * against dissent (207.3, 280.3, 330.1 УК РФ...).
 */
export function analyse(stats: SentenceStats[], politicalArticle: boolean): Analysis {
  const n = stats.length;
  const get = (s: number, k: CueKind): number => stats[s]?.kinds[K[k]] ?? 0;
  const window = (s: number, kinds: CueKind[]): number => {
    let sum = 0;
    for (const k of kinds) {
      for (let j = Math.max(0, s - 1); j <= Math.min(n - 1, s + 1); j++) sum += get(j, k);
      if (s > 1) sum += get(0, k); // the headline frames the whole post
    }
    return sum;
  };
  let abuse = 0,
    abuseCtx = 0,
    abuseActor = 0,
    actionCtx = 0,
    pol = 0,
    vic = 0,
    deathCustody = 0,
    crimeCtx = 0,
    peak = 0;
  let crime = 0,
    mil = 0,
    admin = 0,
    neutral = 0,
    denial = 0;
  const evidence = new Float64Array(CATEGORIES.length);
  const strength = new Float64Array(n);
  const sentenceCats: Float64Array[] = [];
  const iPol = CATEGORIES.indexOf('political_prosecution');
  const iDeath = CATEGORIES.indexOf('death_in_custody');
  for (let s = 0; s < n; s++) {
    const st = stats[s];
    const a = get(s, 'abuse');
    const act = get(s, 'action');
    const p = get(s, 'political');
    const d = get(s, 'death');
    const ctx = Math.min(1, window(s, ['victim', 'political']) + 0.5 * window(s, ['speech']));
    const actorW = Math.min(1, window(s, ['actor', 'custody']));
    const crimeW = Math.min(1, window(s, ['crime']));
    const dc = d * Math.min(1, window(s, ['custody', 'abuse']));
    abuse += a;
    abuseCtx += a * ctx;
    abuseActor += a * actorW;
    actionCtx += act * ctx;
    pol += p;
    vic += get(s, 'victim');
    deathCustody += dc;
    crimeCtx += (a + act) * crimeW;
    crime += get(s, 'crime');
    mil += get(s, 'military');
    admin += get(s, 'admin');
    neutral += get(s, 'neutral');
    denial += get(s, 'denial');
    const strong = a * (0.5 + 0.5 * Math.max(ctx, actorW)) + act * ctx + p + dc;
    strength[s] = strong;
    peak = Math.max(peak, strong);
    // Category evidence: abuse counts double in a rights context; legal steps against
    // speech or dissent count toward political prosecution; deaths near custody toward
    // death in custody.
    const cats = new Float64Array(CATEGORIES.length);
    if (st) for (let c = 0; c < cats.length; c++) cats[c] = (st.cats[c] ?? 0) * (1 + ctx);
    cats[iPol] = (cats[iPol] ?? 0) + act * Math.min(1, window(s, ['political', 'speech'])) * 0.6;
    cats[iDeath] = (cats[iDeath] ?? 0) + dc * 1.5;
    for (let c = 0; c < cats.length; c++) evidence[c] = (evidence[c] ?? 0) + (cats[c] ?? 0);
    sentenceCats.push(cats);
  }
  const x = [
    log1p(abuse),
    log1p(abuseCtx),
    log1p(abuseActor),
    log1p(actionCtx),
    log1p(pol),
    log1p(vic),
    log1p(deathCustody),
    Math.min(4, peak) / 2,
    politicalArticle ? 1 : 0,
    log1p(crimeCtx),
    log1p(crime),
    log1p(mil),
    log1p(admin),
    log1p(neutral),
    log1p(denial),
  ];
  return { x, evidence, strength, sentenceCats };
}
