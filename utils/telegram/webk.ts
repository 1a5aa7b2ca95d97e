/**
 * Posts of web.telegram.org/k/ (morethanwords/tweb). What each read relies on, and where tweb
 * builds it (all under src/):
 * - `components/chat/bubbles.ts` `safeRenderMessage`: `div.bubble[data-mid][data-peer-id][data-timestamp]`
 *   (timestamp = message date, unix seconds, so the instant is the page's own);
 *   `renderMessage`: `.bubble-content-wrapper > .bubble-content > .message.spoilers-container`
 *   (text, then the time span) and `.attachment` for media; `.bubble.service` for service entries;
 *   `.bubble.forwarded` with `.name` = "Forwarded from" + `span.peer-title`; `data-reply-to-mid`
 *   and `data-reply-to-peer-id` on replies; webpage box `.web > .quote > .quote-text` with
 *   `a.webpage-name`, `.title`, `.text` inside `.message`.
 * - `components/chat/messageRender.ts` `setTime`: `span.time` holding `.post-views`,
 *   `.time-post-author`, `i.time-edited`, the time and `.time-inner[title]` (full local date).
 * - `components/wrappers/album.ts` + `prepareAlbum.ts`: `.album-item[data-mid] > .album-item-media`.
 * - `components/wrappers/photo.ts`: `img.media-photo` (src is a `blob:` URL of the downloaded file);
 *   `wrappers/video.ts`: `video.media-video`, `span.video-time`, `.media-round` for round videos.
 */
import {
  absoluteUrl,
  cssString,
  dropUndefined,
  isInsideWithin,
  oneLine,
  parseCount,
  parseDuration,
  permalinkOf,
  styleNumber,
} from './dom';
import { parseClientTitle, wallTimeToUtc } from './client-dates';
import { webkChannelId, webkServerId } from './ids';
import { readPostText } from './text';
import type { ParseContext, TelegramMedia, TelegramPost } from './types';

/** Parts of `.message` that are not the post's text. */
const NOT_TEXT =
  '.time, .time-inner, .web, reactions-element, .reactions, .bubble-beside-button, .document-container, audio-element, .poll, .contact, .bubble-call, .geo-footer, .reply-markup';
const UNSUPPORTED = /currently not supported|не поддерживается|не підтримується/i;

/** Reads one `.bubble` of tweb; null for local (unsent) messages or when no channel is known. */
export function parseWebkPost(el: Element, ctx: ParseContext): TelegramPost | null {
  const bubbleId = webkServerId(el.getAttribute('data-mid'));
  const albumIds = Array.from(el.querySelectorAll('.album-item[data-mid]'))
    .map((a) => webkServerId(a.getAttribute('data-mid')))
    .filter((n): n is number => n !== undefined);
  // t.me names an album by its first message; tweb's bubble carries the min or the max
  // depending on the version (getMainMidForGrouped), so take the smallest shown.
  const postId = albumIds.length ? Math.min(...albumIds, bubbleId ?? Infinity) : bubbleId;
  const channelId = webkChannelId(el.getAttribute('data-peer-id'));
  const channel = ctx.channel ?? (channelId ? `c/${channelId}` : undefined);
  if (postId === undefined || !channel) return null;

  const content = el.querySelector('.bubble-content') ?? el;
  const message = Array.from(content.querySelectorAll('.message')).find(
    (m) => !isInsideWithin(m, el, '.reply'),
  );
  const timeSpan = el.querySelector('.time');
  const date = readDate(el, ctx);
  const viewsEl = timeSpan?.querySelector('.post-views');
  const views = parseCount(viewsEl?.textContent);
  const isService = el.classList.contains('service');
  const { html, text } = readPostText(
    isService ? (el.querySelector('.service-msg') ?? undefined) : message,
    NOT_TEXT,
  );
  const media = readMedia(el, ctx.url);
  const unsupported = !isService && media.length === 0 && UNSUPPORTED.test(text) ? text : undefined;

  return dropUndefined({
    adapter: 'webk',
    channel,
    channel_id: channelId,
    channel_title: ctx.channelTitle,
    post_id: postId,
    permalink: permalinkOf(channel, postId),
    ...date,
    edited:
      el.querySelector('.time-edited, i.edited') || el.classList.contains('is-edited')
        ? true
        : undefined,
    author: oneLine(timeSpan?.querySelector('.time-post-author'))?.replace(/,\s*$/, ''),
    views,
    views_raw: views !== undefined ? oneLine(viewsEl) : undefined,
    forwarded_from: forwardedFrom(el),
    reply_to: replyTo(el, channel),
    text_html: html,
    text,
    media,
    album: media.length > 1 || el.classList.contains('is-album'),
    link_preview: linkPreview(message, ctx.url),
    element_path: `.bubble[data-mid=${cssString(el.getAttribute('data-mid') ?? '')}]`,
    unsupported: unsupported ? true : undefined,
    unsupported_reason: unsupported,
    service: isService ? true : undefined,
  } satisfies TelegramPost);
}

function readDate(
  el: Element,
  ctx: ParseContext,
): Pick<TelegramPost, 'published_at' | 'published_at_raw' | 'published_at_basis'> {
  const ts = el.getAttribute('data-timestamp')?.trim();
  if (ts && /^\d{9,11}$/.test(ts)) {
    return {
      published_at: new Date(Number(ts) * 1000).toISOString(),
      published_at_raw: ts,
      published_at_basis: 'client_timestamp',
    };
  }
  const title = (
    el.querySelector('.time-inner[title], .time[title], .inner[title]')?.getAttribute('title') ?? ''
  ).trim();
  if (!title) return {};
  const wall = parseClientTitle(title);
  const at = wall && ctx.timeZone ? wallTimeToUtc(wall, ctx.timeZone) : undefined;
  return {
    published_at: at,
    published_at_raw: title,
    published_at_basis: at ? 'client_local_time' : undefined,
  };
}

function forwardedFrom(el: Element): TelegramPost['forwarded_from'] {
  const name = el.querySelector('.name');
  const title = oneLine(name?.querySelector('.peer-title'));
  if (!name || !title) return undefined;
  const forwarded =
    el.classList.contains('forwarded') ||
    /forwarded from|переслано|переслане/i.test(oneLine(name) ?? '');
  return forwarded ? { name: title } : undefined;
}

function replyTo(el: Element, channel: string): TelegramPost['reply_to'] {
  const reply = el.querySelector('.reply');
  const mid = el.getAttribute('data-reply-to-mid');
  if (!reply && !mid) return undefined;
  const peer = el.getAttribute('data-reply-to-peer-id');
  const samePeer = !peer || peer === el.getAttribute('data-peer-id');
  const otherChannel = samePeer ? undefined : webkChannelId(peer);
  return dropUndefined({
    channel: samePeer ? channel : otherChannel ? `c/${otherChannel}` : undefined,
    post_id: webkServerId(mid),
    text: oneLine(reply?.querySelector('.reply-subtitle')),
  });
}

function linkPreview(message: Element | undefined, base?: string): TelegramPost['link_preview'] {
  const web = message?.querySelector('.web');
  const url = absoluteUrl(
    web?.querySelector('a.webpage-name[href], a[href]')?.getAttribute('href'),
    base,
  );
  if (!web || !url) return undefined;
  return dropUndefined({
    url,
    title: oneLine(web.querySelector('.title')),
    description: oneLine(web.querySelector('.text')),
  });
}

function readMedia(el: Element, base?: string): TelegramMedia[] {
  const attachment = Array.from(el.querySelectorAll('.attachment')).find(
    (a) => !isInsideWithin(a, el, '.reply, .web'),
  );
  const out: TelegramMedia[] = [];
  if (attachment) {
    const items = Array.from(attachment.querySelectorAll('.album-item'));
    if (items.length) {
      for (const item of items)
        out.push(mediaIn(item, webkServerId(item.getAttribute('data-mid')), base));
    } else {
      out.push(mediaIn(attachment, undefined, base));
    }
  }
  for (const doc of Array.from(
    el.querySelectorAll('.document-container .document, audio-element'),
  )) {
    const isVoice = doc.localName === 'audio-element' || doc.classList.contains('is-voice');
    out.push(
      dropUndefined({
        type: isVoice ? 'voice' : 'document',
        title: oneLine(doc.querySelector('.document-name, .audio-title')),
        duration_s: parseDuration(doc.querySelector('.audio-time')?.textContent?.split('/').pop()),
        unavailable_reason: 'file is kept by the client; not linked in the page',
      } satisfies TelegramMedia),
    );
  }
  return out;
}

function mediaIn(box: Element, postId: number | undefined, base?: string): TelegramMedia {
  const videoTag = box.querySelector('video.media-video');
  const round = box.querySelector('.media-round');
  const isVideo = Boolean(videoTag ?? round ?? box.querySelector('.video-time'));
  const photos = Array.from(box.querySelectorAll('img.media-photo')).filter(
    (i) => !i.classList.contains('thumbnail'),
  );
  const poster = absoluteUrl(photos[photos.length - 1]?.getAttribute('src'), base);
  const width = styleNumber(box, 'width');
  const height = styleNumber(box, 'height');
  const sizes = box.classList.contains('album-item') ? {} : { width, height };
  if (box.closest('.bubble')?.classList.contains('sticker') && !isVideo) {
    return dropUndefined({ type: 'sticker', url: poster, post_id: postId });
  }
  if (isVideo) {
    const url = absoluteUrl(videoTag?.getAttribute('src'), base);
    return dropUndefined({
      type: round ? 'round_video' : 'video',
      url,
      poster_url: poster,
      duration_s: parseDuration(box.querySelector('.video-time')?.textContent),
      ...sizes,
      post_id: postId,
      unavailable_reason: url ? undefined : 'video not loaded by the client',
    } satisfies TelegramMedia);
  }
  return dropUndefined({
    type: 'photo',
    url: poster,
    ...sizes,
    post_id: postId,
  } satisfies TelegramMedia);
}
