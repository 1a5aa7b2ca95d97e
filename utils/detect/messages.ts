/**
 * Message shapes of detection in the browser (declared in utils/protocol.ts `ProtocolMap`):
 * the content script hands the page text to the background, which runs `detect()` off the
 * page's main thread; extension pages ask about a tab; the background asks the tab's content
 * script to highlight passages or to give the text back for learning. Pure module.
 */
import { z } from 'zod';
import type { DetectedEntity, Lang, ViolationCategory } from './types';

/** The most text a page may send (the engine analyses at most 600 000 characters). */
export const MAX_PAGE_CHARS = 600_000;

/** Content script → background: the visible text of the page the content script runs in. */
export const DetectPageRequest = z.object({
  text: z.string().max(MAX_PAGE_CHARS),
  truncated: z.boolean(),
  /** Time the content script spent reading the text (ms), summed over its idle slices. */
  extract_ms: z.number().nonnegative(),
});
export type DetectPageRequest = z.infer<typeof DetectPageRequest>;

/** A passage to highlight: offsets into the text the content script sent. */
export interface PassageSpan {
  start: number;
  end: number;
  category: ViolationCategory;
}

/** The background's answer to `detectPage`. */
export type DetectPageAnswer =
  { scanned: false } | { scanned: true; is_violation: boolean; passages: PassageSpan[] };

/** An extension page asks about one tab. */
export const TabRequest = z.object({ tabId: z.number().int().nonnegative() });
export type TabRequest = z.infer<typeof TabRequest>;

export const ShowOnPageRequest = TabRequest.extend({ show: z.boolean() });
export type ShowOnPageRequest = z.infer<typeof ShowOnPageRequest>;

export const LearnRequest = TabRequest.extend({ relevant: z.boolean() });
export type LearnRequest = z.infer<typeof LearnRequest>;

/** What the background keeps per tab (in `storage.session`) and shows the popup. */
export interface TabDetection {
  url: string;
  scanned_at: string;
  is_violation: boolean;
  score: number;
  lang: Lang;
  categories: Array<{ id: ViolationCategory; score: number }>;
  entities: DetectedEntity[];
  passages: PassageSpan[];
  /** Characters analysed, and whether the page had more. */
  chars: number;
  truncated: boolean;
  timings: { extract_ms: number; detect_ms: number };
  /** Set once the user marked this page; the value is their mark. */
  marked?: boolean;
}

/** Background → content script: show (or remove) the highlight overlay. */
export const HighlightRequest = z.object({
  show: z.boolean(),
  passages: z
    .array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }))
    .max(64),
});
export type HighlightRequest = z.infer<typeof HighlightRequest>;

/** What the overlay shows now: how many passages could be placed on the page and how many boxes mark them. */
export interface HighlightAnswer {
  shown: boolean;
  passages: number;
  boxes: number;
}

/** Content script → background, on request: the text it scanned, for learning from the user's mark. */
export interface PageTextAnswer {
  text: string;
}
