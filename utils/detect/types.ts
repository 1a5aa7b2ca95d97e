/**
 * Public shapes of the detection engine. Pure module: the engine runs in a content script,
 * a Web Worker and Node alike.
 */
import type { ViolationCategory } from '../schemas';

export type { ViolationCategory };

/** The languages the engine has lexicons for. */
export type Lang = 'ru' | 'uk' | 'en';

/** Kinds of fact the entity extractor pulls out. */
export type EntityType =
  | 'military_unit'
  | 'enlistment_office'
  | 'detention_place'
  | 'legal_article'
  | 'date'
  | 'place'
  | 'person'
  | 'organisation';

/** One extracted fact; `start`/`end` are UTF-16 offsets into the text given to `detect()`. */
export interface DetectedEntity {
  type: EntityType;
  /** The text exactly as it stands in the input (`text.slice(start, end)`). */
  text: string;
  /** Normalised value: `21005`, `УК РФ 328`, `2024-03-12`, a canonical place name... */
  value: string;
  start: number;
  end: number;
}

/** A sentence that drove the decision; offsets into the input so a caller can map it to a DOM Range. */
export interface DetectedPassage {
  start: number;
  end: number;
  category: ViolationCategory;
  /** 0..1, relative strength of this passage. */
  score: number;
}

/** What `detect()` returns. */
export interface DetectionResult {
  is_violation: boolean;
  /** 0..1 probability-like score; `is_violation` is `score >= 0.5`. */
  score: number;
  lang: Lang;
  /** Categories above the category threshold, strongest first (empty when not a violation). */
  categories: Array<{ id: ViolationCategory; score: number }>;
  /** The sentences that drove the score, strongest first. */
  passages: DetectedPassage[];
  entities: DetectedEntity[];
}
