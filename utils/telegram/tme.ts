/**
 * Posts of t.me pages: the channel preview `t.me/s/<channel>` (`.tgme_widget_message[data-post]`)
 * and the single-post widget `t.me/<channel>/<id>?embed=1` (`#widget_message`, no `data-post`:
 * the post is named by its date link). Dates come from `<time datetime>`, which t.me writes with
 * an offset, so they are exact instants.
 */
import { toUtcInstant } from '../page/dates';
import {
  absoluteUrl,
  cssString,
  dropUndefined,
  firstOwn,
  hasClass,
  oneLine,
  parseCount,
  parsePostLink,
  permalinkOf,
  queryOwn,
} from './dom';
import { readPostText } from './text';
import { insideTmeMedia, readTmeMedia, TME_NOT_POST } from './tme-media';
import type { ParseContext, TelegramAdapterId, TelegramPost } from './types';

/** Reads one t.me post element; null when the element names no post. */
export function parseTmePost(
  el: Element,
  adapter: TelegramAdapterId,
  ctx: ParseContext,
): TelegramPost | null {
  const base = ctx.url;
  const ref = postRef(el);
  if (!ref) return null;
  const own = (selector: string) => firstOwn(el, selector, TME_NOT_POST);

  const timeEl =
    own('.tgme_widget_message_date time[datetime]') ??
    own('.tgme_widget_message_meta time[datetime]');
  const rawDate = timeEl?.getAttribute('datetime') ?? undefined;
  const published = toUtcInstant(rawDate);
  const viewsEl = own('.tgme_widget_message_views');
  const views = parseCount(viewsEl?.textContent);
  const { html, text } = readPostText(own('.tgme_widget_message_text'));
  const media = readTmeMedia(el, base);
  const unsupported = unsupportedLabel(el);

  const post: TelegramPost = {
    adapter,
    channel: ref.channel,
    channel_id: channelIdFromView(el.getAttribute('data-view')),
    channel_title: ctx.channelTitle ?? oneLine(own('.tgme_widget_message_owner_name')),
    post_id: ref.postId,
    permalink: permalinkOf(ref.channel, ref.postId),
    published_at: published,
    published_at_raw: rawDate,
    published_at_basis: published ? 'page_datetime' : undefined,
    edited: isEdited(own('.tgme_widget_message_meta')),
    author: oneLine(own('.tgme_widget_message_from_author')),
    views,
    views_raw: views !== undefined ? oneLine(viewsEl) : undefined,
    forwarded_from: forwardedFrom(own('.tgme_widget_message_forwarded_from'), base),
    reply_to: replyTo(el.querySelector('.tgme_widget_message_reply')),
    text_html: html,
    text,
    media,
    album: media.length > 1 || own('.tgme_widget_message_grouped_wrap') !== undefined,
    link_preview: linkPreview(el.querySelector('.tgme_widget_message_link_preview'), base),
    element_path: elementPath(el),
    unsupported: unsupported !== undefined ? true : undefined,
    unsupported_reason: unsupported,
    service: hasClass(el, 'service_message') ? true : undefined,
  };
  return dropUndefined(post);
}

function postRef(el: Element): { channel: string; postId: number } | undefined {
  const m = /^([A-Za-z0-9_]+|c\/\d+)\/(\d+)$/.exec((el.getAttribute('data-post') ?? '').trim());
  if (m?.[1] && m[2] && Number(m[2]) > 0) return { channel: m[1], postId: Number(m[2]) };
  // The embed widget has no data-post: its date link and footer link name the post.
  const link = firstOwn(
    el,
    '.tgme_widget_message_date[href], .tgme_widget_message_link a[href]',
    TME_NOT_POST,
  );
  return parsePostLink(link?.getAttribute('href'));
}

/** `data-view` is base64url JSON; its `c` is minus the channel id on t.me/s pages. */
function channelIdFromView(view: string | null): string | undefined {
  if (!view) return undefined;
  try {
    const b64 = view.replace(/-/g, '+').replace(/_/g, '/');
    const json: unknown = JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)));
    const c =
      typeof json === 'object' && json !== null ? (json as Record<string, unknown>).c : undefined;
    return typeof c === 'number' && Number.isInteger(c) && c !== 0
      ? String(Math.abs(c))
      : undefined;
  } catch {
    return undefined;
  }
}

/** t.me writes "edited" as a bare text node before the date link. */
function isEdited(meta: Element | undefined): boolean | undefined {
  if (!meta) return undefined;
  const ownText = Array.from(meta.childNodes)
    .filter((n) => n.nodeType === 3)
    .map((n) => n.nodeValue ?? '')
    .join(' ');
  return /edited/i.test(ownText) ? true : undefined;
}

function forwardedFrom(el: Element | undefined, base?: string): TelegramPost['forwarded_from'] {
  if (!el) return undefined;
  const nameEl = el.querySelector('.tgme_widget_message_forwarded_from_name');
  const name = oneLine(nameEl) ?? oneLine(el)?.replace(/^forwarded from\s*/i, '');
  if (!name) return undefined;
  const url =
    nameEl?.localName === 'a' ? absoluteUrl(nameEl.getAttribute('href'), base) : undefined;
  return url ? { name, url } : { name };
}

function replyTo(el: Element | null): TelegramPost['reply_to'] {
  if (!el) return undefined;
  const target = parsePostLink(el.getAttribute('href'));
  const text = oneLine(el.querySelector('.tgme_widget_message_text, .js-message_reply_text'));
  return dropUndefined({ channel: target?.channel, post_id: target?.postId, text });
}

function linkPreview(el: Element | null, base?: string): TelegramPost['link_preview'] {
  const url = absoluteUrl(el?.getAttribute('href'), base);
  if (!el || !url) return undefined;
  return dropUndefined({
    url,
    title:
      oneLine(el.querySelector('.link_preview_title')) ??
      oneLine(el.querySelector('.link_preview_site_name')),
    description: oneLine(el.querySelector('.link_preview_description')),
  });
}

/**
 * Telegram's placeholder for content the web page cannot show, when it stands for the post
 * (not the hidden fallback every post carries, and not a note inside one video player).
 */
function unsupportedLabel(el: Element): string | undefined {
  for (const wrap of queryOwn(el, '.message_media_not_supported_wrap', TME_NOT_POST)) {
    if (insideTmeMedia(wrap, el)) continue;
    return (
      oneLine(wrap.querySelector('.message_media_not_supported_label')) ??
      'not supported by the web page'
    );
  }
  return undefined;
}

function elementPath(el: Element): string | undefined {
  const post = el.getAttribute('data-post');
  if (post) return `.tgme_widget_message[data-post=${cssString(post)}]`;
  const id = el.getAttribute('id');
  return id && /^[A-Za-z][\w-]*$/.test(id) ? `#${id}` : undefined;
}
