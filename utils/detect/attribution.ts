/**
 * Russian media must tag outlets and people the state has labelled: "сообщает «Медиазона» (в
 * реестре «иноагентов»)". After an outlet's name the tag says nothing about the story, and
 * counting it would flag every post that cites such an outlet; after a person's name it does
 * tell us the story concerns a labelled person. This finds those brackets.
 */
import type { Tokens } from './text';

const TAG =
  /\(\s*_*\s*(?:[^()]{0,60}?)(?:реестр|иноагент|иностранн\p{L}*\s+агент|нежелательн|экстремистск\p{L}*\s+и\s+запрещ|запрещен\p{L}*\s+в\s+росси|foreign\s+agent|undesirable)[^()]{0,80}\)|\*\s*(?:иноагент|признан\p{L}*\s+иноагент)\p{L}*/giu;
// An outlet's name ends with a closing quote or a media word just before the bracket.
const AFTER_OUTLET =
  /(?:[»"”]\s*_*\s*|(?:издани\p{L}*|проект\p{L}*|канал\p{L}*|сми|сообща\p{L}*|пиш\p{L}*|передает|передаёт|агентств\p{L}*|газет\p{L}*|[A-Z][\w.]+)\s*)$/iu;

/** Tokens inside labelling brackets, and the sentences whose bracket followed a person. */
export interface AttributionMask {
  masked: Uint8Array;
  personSentences: number[];
}

/** Marks the tokens of every labelling bracket in `text`. */
export function attributionMask(text: string, t: Tokens): AttributionMask | undefined {
  TAG.lastIndex = 0;
  let m = TAG.exec(text);
  if (m === null) return undefined;
  const masked = new Uint8Array(t.norm.length);
  const personSentences: number[] = [];
  let tok = 0;
  let sentence = 0;
  for (; m !== null; m = TAG.exec(text)) {
    const from = m.index;
    const to = from + m[0].length;
    while (tok < t.start.length && (t.start[tok] ?? 0) < from) tok++;
    while (sentence + 1 < t.sentenceStart.length && (t.sentenceStart[sentence + 1] ?? 0) <= tok)
      sentence++;
    for (let i = tok; i < t.start.length && (t.start[i] ?? 0) < to; i++) masked[i] = 1;
    if (!AFTER_OUTLET.test(text.slice(Math.max(0, from - 40), from)))
      personSentences.push(sentence);
  }
  return { masked, personSentences };
}
