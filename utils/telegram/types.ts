/**
 * The shape of one Telegram post as the parsers read it off a page, in zod (types derive from
 * the schemas). Field names follow the `telegram_post` `source` of evidence-pack-v1 where the
 * spec names them; the rest is what a court or the second-path check needs to weigh the record.
 * Pure module: no browser imports.
 */
import { z } from 'zod';

/** The page layouts the parsers know. */
export const TelegramAdapterId = z.enum(['tme_s', 'tme_post', 'tme_embed', 'webk', 'weba']);
export type TelegramAdapterId = z.infer<typeof TelegramAdapterId>;

/** Kinds of media a post can carry. */
export const TelegramMediaType = z.enum([
  'photo',
  'video',
  'round_video',
  'document',
  'voice',
  'sticker',
]);
export type TelegramMediaType = z.infer<typeof TelegramMediaType>;

/** One photo, video, ... of a post. URLs are as the page gave them (web clients give `blob:`). */
export const TelegramMedia = z.object({
  type: TelegramMediaType,
  /** photo: `background-image:url(...)` or `<img src>`; video: `<video src>`. Absent when the page has none. */
  url: z.string().optional(),
  poster_url: z.string().optional(),
  duration_s: z.number().nonnegative().optional(),
  /** Display size the page laid the media out at, in CSS pixels (not necessarily the file's). */
  width: z.number().nonnegative().optional(),
  height: z.number().nonnegative().optional(),
  /** Album items are messages of their own in Telegram; this is that message's id when shown. */
  post_id: z.number().int().positive().optional(),
  /** Document file name or title, when the page shows one. */
  title: z.string().optional(),
  /** Telegram's own words when the page cannot show the file ("Media is too big"). */
  unavailable_reason: z.string().optional(),
});
export type TelegramMedia = z.infer<typeof TelegramMedia>;

/**
 * How `published_at` was obtained: from the page's own machine-readable date
 * (`<time datetime>` on t.me, `data-timestamp` seconds on web.telegram.org/k/), or from a
 * human-readable local time the web client printed, converted with the capturing browser's
 * time zone (the zone the client formatted it in).
 */
export const PublishedAtBasis = z.enum(['page_datetime', 'client_timestamp', 'client_local_time']);
export type PublishedAtBasis = z.infer<typeof PublishedAtBasis>;

/** RFC 3339 UTC with milliseconds and `Z`, as the pack format requires. */
const UtcInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

/**
 * One post as read off a page: the `telegram_post` `source` fields of evidence-pack-v1 plus the
 * post's text, media and how each fact was read. Parsers return only values that pass this schema.
 */
export const TelegramPost = z.object({
  adapter: TelegramAdapterId,
  /** Public username (`mchs_bryansk`), or `c/<id>` for a channel known only by its numeric id. */
  channel: z.string().min(1),
  /** Numeric channel id (without `-100`), when the page shows it. */
  channel_id: z.string().regex(/^\d+$/).optional(),
  channel_title: z.string().optional(),
  post_id: z.number().int().positive(),
  /** `https://t.me/<channel>/<id>` (for `c/<id>` channels the private-link form `https://t.me/c/<id>/<post>`). */
  permalink: z.string().url(),
  /** UTC instant, milliseconds, `Z`. */
  published_at: UtcInstant.optional(),
  /** The page's own string the instant was read from (attribute value, or title text). */
  published_at_raw: z.string().optional(),
  published_at_basis: PublishedAtBasis.optional(),
  edited: z.boolean().optional(),
  /** Post signature (the admin who posted), not the channel. */
  author: z.string().optional(),
  views: z.number().int().nonnegative().optional(),
  views_raw: z.string().optional(),
  forwarded_from: z.object({ name: z.string(), url: z.string().optional() }).optional(),
  reply_to: z
    .object({
      channel: z.string().optional(),
      post_id: z.number().int().positive().optional(),
      text: z.string().optional(),
    })
    .optional(),
  /** innerHTML of the post's text element, sanitised (no scripts, handlers or script URLs). */
  text_html: z.string(),
  /** Plain text with line breaks. */
  text: z.string(),
  media: z.array(TelegramMedia),
  /** Several media shown as one post. */
  album: z.boolean(),
  link_preview: z
    .object({ url: z.string(), title: z.string().optional(), description: z.string().optional() })
    .optional(),
  /** A CSS selector that finds the post element again on the same page. */
  element_path: z.string().optional(),
  /** Telegram shows a placeholder instead of (part of) the post ("Please open Telegram to view this post"). */
  unsupported: z.boolean().optional(),
  unsupported_reason: z.string().optional(),
  /** A service entry ("Channel created", "pinned a message"), not a post someone wrote. */
  service: z.boolean().optional(),
});
export type TelegramPost = z.infer<typeof TelegramPost>;

/** What the page-level code knows when a single element is parsed. */
export interface ParseContext {
  /** The page URL (for resolving relative links and reading the web client's `#@channel`). */
  url?: string;
  /** Channel of the page when the adapter found it (username or `c/<id>`). */
  channel?: string;
  channelTitle?: string;
  /**
   * IANA zone of the browser that rendered a web client (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
   * Only used to turn a client-printed local time into an instant when no timestamp is on the page.
   */
  timeZone?: string;
}
