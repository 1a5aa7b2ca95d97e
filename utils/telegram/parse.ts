/**
 * Entry points of the Telegram core: every post on a page, or the one post an element holds.
 * Pure functions of a DOM: the content script passes `document`, tests pass a happy-dom document.
 */
import { detectTelegramPage } from './adapters';
import { dropUndefined, oneLine, parsePostLink, permalinkOf } from './dom';
import { parseTmePost } from './tme';
import { TelegramPost, type ParseContext, type TelegramAdapterId } from './types';
import { parseWebaPost } from './weba';
import { parseWebkPost } from './webk';

/** Options of `parsePosts`. */
export interface ParsePostsOptions {
  /** The page URL (defaults to `doc.URL`). */
  url?: string;
  /** IANA zone of the browser that rendered a web client page (see `ParseContext.timeZone`). */
  timeZone?: string;
}

/** Selector of the post elements of each layout. */
export const POST_SELECTOR: Record<TelegramAdapterId, string> = {
  tme_s: '.tgme_widget_message[data-post]',
  tme_post: '.tgme_widget_message',
  tme_embed: '.tgme_widget_message',
  webk: '.bubble[data-mid]',
  weba: '.Message[data-message-id], .ActionMessage[data-message-id]',
};

/**
 * Every post on the page, in page order. Elements that name no post (a web client's unsent
 * message, a t.me "no posts" block) are skipped; service entries and "open Telegram to view"
 * placeholders are kept and flagged (`service`, `unsupported`).
 */
export function parsePosts(
  doc: Document,
  adapter: TelegramAdapterId,
  opts: ParsePostsOptions = {},
): TelegramPost[] {
  const ctx = createParseContext(doc, opts);
  const elements = Array.from(doc.querySelectorAll(POST_SELECTOR[adapter]));
  // A nested match (a quoted message inside a post) is part of its post, not a post.
  const top = elements.filter((el) => !elements.some((o) => o !== el && o.contains(el)));
  const posts: TelegramPost[] = [];
  for (const el of adapter === 'tme_embed' || adapter === 'tme_post' ? top.slice(0, 1) : top) {
    const post = parsePostElement(el, adapter, ctx);
    if (post) posts.push(post);
  }
  if (posts.length === 0 && adapter === 'tme_post') {
    const fromMeta = postFromMeta(doc, ctx);
    if (fromMeta) posts.push(fromMeta);
  }
  return posts;
}

/**
 * The page-level facts `parsePostElement` needs (page URL, channel and title as the page names
 * them, the browser's zone), for a content script that parses one clicked post at a time.
 */
export function createParseContext(doc: Document, opts: ParsePostsOptions = {}): ParseContext {
  const url = opts.url ?? doc.URL;
  const match = detectTelegramPage(doc, url);
  return {
    url,
    channel: match?.channel,
    channelTitle: match?.channel_title,
    timeZone: opts.timeZone,
  };
}

/**
 * The post held by `el` (a post element of the given layout), or null when it names no post.
 * Never throws on unexpected markup: a field that cannot be read is left out.
 */
export function parsePostElement(
  el: Element,
  adapter: TelegramAdapterId,
  ctx: ParseContext,
): TelegramPost | null {
  try {
    const post =
      adapter === 'webk'
        ? parseWebkPost(el, ctx)
        : adapter === 'weba'
          ? parseWebaPost(el, ctx)
          : parseTmePost(el, adapter, ctx);
    // The schema is the contract with the capture code: a post that fails it is a parser bug,
    // and returning it would store a record the pack verifier later rejects.
    return post && TelegramPost.safeParse(post).success ? post : null;
  } catch {
    return null;
  }
}

/**
 * `t.me/<channel>/<id>` without `?embed=1` shows the post in a frame; the page itself only has
 * Open Graph tags. The text is kept, and the record says the frame must be read for the rest.
 */
function postFromMeta(doc: Document, ctx: ParseContext): TelegramPost | null {
  const meta = (p: string) =>
    doc.querySelector(`meta[property="${p}"]`)?.getAttribute('content')?.trim() || undefined;
  const ref = parsePostLink(ctx.url) ?? parsePostLink(meta('og:url'));
  if (!ref) return null;
  const text = meta('og:description') ?? '';
  return dropUndefined({
    adapter: 'tme_post',
    channel: ref.channel,
    channel_title: meta('og:title') ?? oneLine(doc.querySelector('.tgme_page_title')),
    post_id: ref.postId,
    permalink: permalinkOf(ref.channel, ref.postId),
    text_html: '',
    text,
    media: [],
    album: false,
    unsupported: true,
    unsupported_reason:
      'post page shows the post in a frame; parse its ?embed=1 page for date, views and media',
  } satisfies TelegramPost);
}
