/**
 * Data of the Telegram clipping messages (declared in the ProtocolMap of utils/protocol.ts).
 * Pure module. What a content script sends is page data: the background validates it with
 * these schemas and takes the tab from the sender, never from the message.
 */
import { z } from 'zod';
import { TelegramAdapterId, TelegramPost } from './telegram';

/** A rectangle in CSS pixels, relative to the viewport (getBoundingClientRect). */
export const CssRect = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().nonnegative(),
  height: z.number().finite().nonnegative(),
});
export type CssRect = z.infer<typeof CssRect>;

/** Where a post element is now, as the content script measured it. */
export const TelegramLocated = z.object({
  rect: CssRect,
  viewport: z.object({ width: z.number().positive(), height: z.number().positive() }),
  device_pixel_ratio: z.number().positive().max(16),
  /** The page was scrolled to bring the post into view (an earlier viewport screenshot is stale). */
  scrolled: z.boolean().optional(),
});
export type TelegramLocated = z.infer<typeof TelegramLocated>;

/** Content script → background: clip this post (the one whose Clip control was pressed). */
export const TelegramClipRequest = z.object({
  post: TelegramPost,
  located: TelegramLocated,
  page: z.object({
    title: z.string().max(2000).optional(),
    user_agent: z.string().max(2000).optional(),
    time_zone: z.string().max(200).optional(),
  }),
});
export type TelegramClipRequest = z.infer<typeof TelegramClipRequest>;

/** Popup → background: clip the posts in view, or a range of post ids, on a tab. */
export const TelegramClipPostsRequest = z.object({
  tabId: z.number().int().nonnegative(),
  mode: z.enum(['in_view', 'range']),
  from: z.number().int().positive().optional(),
  to: z.number().int().positive().optional(),
  caseId: z.string().nullable().optional(),
});
export type TelegramClipPostsRequest = z.infer<typeof TelegramClipPostsRequest>;

export const TelegramTabRequest = z.object({ tabId: z.number().int().nonnegative() });

/** Background → content script: which posts to hand over. `all` is every post on the page. */
export const TelegramGatherRequest = z.object({
  mode: z.enum(['in_view', 'range', 'all']),
  from: z.number().int().positive().optional(),
  to: z.number().int().positive().optional(),
});
export type TelegramGatherRequest = z.infer<typeof TelegramGatherRequest>;

/** Content script → background (answer): the recognised page and the posts asked for. */
export const TelegramGathered = z.object({
  adapter: TelegramAdapterId,
  channel: z.string().optional(),
  channel_title: z.string().optional(),
  posts: z.array(TelegramPost),
  /** Post elements the parser could not read (ids unknown): counted, not clipped. */
  unreadable: z.number().int().nonnegative(),
  page: TelegramClipRequest.shape.page,
});
export type TelegramGathered = z.infer<typeof TelegramGathered>;

/** Background → content script: find a post again, scroll it into view, hide the controls. */
export const TelegramLocateRequest = z.object({
  post_id: z.number().int().positive(),
  channel: z.string(),
  /** Scroll the post into view when it is not fully visible (false: only measure). */
  scroll: z.boolean().optional(),
});
export type TelegramLocateRequest = z.infer<typeof TelegramLocateRequest>;

/** Background → content script: show the controls again (and put the scroll back after a batch). */
export const TelegramControlsRequest = z.object({
  visible: z.boolean(),
  restoreScroll: z.boolean().optional(),
});
export type TelegramControlsRequest = z.infer<typeof TelegramControlsRequest>;

/** Largest file read from a page's blob: URL (a message carries it base64-encoded, under 64 MiB). */
export const BLOB_LIMIT = 40 * 1024 * 1024;

/** Background → content script: the bytes behind one of the page's blob: URLs (web clients' media). */
export const TelegramBlobRequest = z.object({ url: z.string().startsWith('blob:').max(500) });
export type TelegramBlobRequest = z.infer<typeof TelegramBlobRequest>;

/** Content script → background (answer): the bytes, base64, or why not. */
export const TelegramBlobAnswer = z.union([
  z.object({
    base64: z.string().max(Math.ceil(BLOB_LIMIT / 3) * 4 + 4),
    type: z.string().max(200),
  }),
  z.object({ error: z.string().max(2000) }),
]);
export type TelegramBlobAnswer = z.infer<typeof TelegramBlobAnswer>;

/** storage.local key of the opt-in second-path check (off unless true). */
export const SECOND_PATH_KEY = 'telegram.secondPathCheck';

/** Background → content script: parse a fetched public embed page (the worker has no DOMParser). */
export const TelegramEmbedRequest = z.object({
  html: z.string().max(8 * 1024 * 1024),
  url: z.string().url(),
});
export type TelegramEmbedRequest = z.infer<typeof TelegramEmbedRequest>;

/** Result codes of Telegram clipping (message keys of utils/i18n/messages-telegram.ts). */
export type TelegramErrorCode =
  | 'errTgPostGone'
  | 'errTgNotTelegram'
  | 'errTgNoPosts'
  | 'errTgUnreadable'
  | 'errTgScreenshot'
  | 'errTgNoEmbed'
  | 'errTgRecheckParse';

/** Library → background: re-check a saved post against its public embed on t.me (a request). */
export const TelegramRecheckRequest = z.object({ itemId: z.string().min(1).max(200) });
export type TelegramRecheckRequest = z.infer<typeof TelegramRecheckRequest>;

/** The page as the popup's Telegram panel shows it. */
export interface TelegramPageInfo {
  adapter: TelegramAdapterId;
  channel?: string;
  channel_title?: string;
  post_ids: number[];
  in_view: number[];
}
