/**
 * Shapes of what the page-extraction core returns. The content script sends a `PageCapture` to
 * the background by message, so the background validates it with these schemas (the page is
 * hostile) and the types are derived from them rather than written twice.
 */
import { z } from 'zod';
import { UtcTime } from '../schemas';

/** The rendered DOM serialized as HTML, with every change the capture made to it listed. */
export const Snapshot = z.object({
  html: z.string(),
  /** Plain English sentences with counts, e.g. "12 script elements removed". */
  alterations: z.array(z.string()),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** Contextual data read from the page's own metadata (JSON-LD, Open Graph, Dublin Core, ...). */
export const PageMetadata = z.object({
  title: z.string(),
  site_name: z.string().optional(),
  byline: z.string().optional(),
  /** Set only when the page's date names an instant (has a zone or offset); RFC 3339 UTC. */
  published_at: UtcTime.optional(),
  /** The publication date exactly as the page wrote it, so nothing is lost by conversion. */
  published_at_raw: z.string().optional(),
  modified_at: UtcTime.optional(),
  modified_at_raw: z.string().optional(),
  /** BCP 47 primary language subtag, e.g. `ru`. */
  lang: z.string().optional(),
  description: z.string().optional(),
  canonical_url: z.string().optional(),
  image: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  /** Every schema.org type seen in the page's JSON-LD, e.g. `["NewsArticle", "Person"]`. */
  json_ld_types: z.array(z.string()).optional(),
});
export type PageMetadata = z.infer<typeof PageMetadata>;

/** The main text of the page as Mozilla Readability finds it. */
export const Article = z.object({
  title: z.string(),
  byline: z.string().optional(),
  content_html: z.string(),
  /** Plain text with paragraphs separated by a blank line (`\n\n`). */
  text: z.string(),
  excerpt: z.string().optional(),
  site_name: z.string().optional(),
  lang: z.string().optional(),
  /** Readability's publication time, as the page wrote it. */
  published_time: z.string().optional(),
  /** Length of `text` in UTF-16 code units. */
  length: z.number().int().nonnegative(),
});
export type Article = z.infer<typeof Article>;

/** Everything the content script collects from one page in one pass. */
export const PageCapture = z.object({
  url: z.string(),
  title: z.string(),
  snapshot: Snapshot,
  article: Article.nullable(),
  metadata: PageMetadata,
  /** Visible text of the body, whitespace collapsed per block. */
  text: z.string(),
  lang: z.string().optional(),
  viewport: z.object({ width: z.number(), height: z.number() }),
  device_pixel_ratio: z.number(),
  user_agent: z.string(),
  time_zone: z.string(),
  /** Milliseconds spent per stage: `snapshot`, `readability`, `metadata`, `text`. */
  timings: z.record(z.string(), z.number()),
});
export type PageCapture = z.infer<typeof PageCapture>;
