/**
 * Posts of web.telegram.org/a/ (Ajaxy/telegram-tt). What each read relies on, and where
 * telegram-tt builds it (all under src/components/):
 * - `middle/message/Message.tsx`: `div.Message.message-list-item[data-message-id]` (the server id,
 *   no encoding; id `message<id>`), `.message-content-wrapper > .message-content > .content-inner`,
 *   text in `.text-content` with the meta inside it; forwarded posts render the origin in
 *   `.message-title > .message-title-name`; the reply quote is an `EmbeddedMessage`.
 * - `middle/message/MessageMeta.tsx`: `.MessageMeta` with `.message-views`, `.message-signature`
 *   and `.message-time`, whose `title` (full local date) is only set after the pointer has been
 *   over it; the visible text is "HH:MM" (prefixed by "edited" when edited).
 * - `middle/message/Album.tsx`: `.Album` of `.media-inner#album-media-message<id>`;
 *   `Photo.tsx`: `.media-inner > img.full-media` (blob: URL); `Video.tsx`:
 *   `.media-inner > video.full-media`, `img.thumbnail`, `.message-media-duration`.
 * No date attribute exists in this client: without the title and the browser's zone the
 * instant is left out (the `?embed=1` second-path check supplies it).
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
import { readPostText } from './text';
import type { ParseContext, TelegramMedia, TelegramPost } from './types';

const QUOTED = '.EmbeddedMessage, .WebPage';
const NOT_TEXT = '.MessageMeta, .Reactions, .translation-animation, .quick-reaction';

/** Reads one `.Message` (or `.ActionMessage`) of telegram-tt; null when no id or channel is known. */
export function parseWebaPost(el: Element, ctx: ParseContext): TelegramPost | null {
  const id = Number(el.getAttribute('data-message-id'));
  const albumIds = Array.from(el.querySelectorAll('.Album [id^="album-media-message"]'))
    .map((m) => Number(/(\d+)$/.exec(m.id)?.[1]))
    .filter((n) => Number.isInteger(n) && n > 0);
  const postId = albumIds.length ? Math.min(...albumIds, id || Infinity) : id;
  const channel = ctx.channel;
  if (!Number.isInteger(postId) || postId <= 0 || !channel) return null;

  const own = (selector: string) =>
    Array.from(el.querySelectorAll(selector)).find((x) => !isInsideWithin(x, el, QUOTED));
  const isService = el.classList.contains('ActionMessage');
  const timeEl = own('.message-time');
  const viewsEl = own('.message-views');
  const views = parseCount(viewsEl?.textContent);
  const textEl = isService ? (own('.action-message-content') ?? el) : own('.text-content');
  const { html, text } = readPostText(textEl, NOT_TEXT);
  const media = readMedia(el, own, ctx.url);
  const forwardedName = isForwarded(el) ? oneLine(own('.message-title-name')) : undefined;
  const reply = own('.EmbeddedMessage') ?? el.querySelector('.EmbeddedMessage');

  return dropUndefined({
    adapter: 'weba',
    channel,
    channel_id: /^c\/(\d+)$/.exec(channel)?.[1],
    channel_title: ctx.channelTitle,
    post_id: postId,
    permalink: permalinkOf(channel, postId),
    ...readDate(timeEl, ctx),
    edited:
      el.classList.contains('was-edited') ||
      /^(edited|изменено|змінено)/i.test(oneLine(timeEl) ?? '')
        ? true
        : undefined,
    author: oneLine(own('.message-signature')),
    views,
    views_raw: views !== undefined ? oneLine(viewsEl) : undefined,
    forwarded_from: forwardedName ? { name: forwardedName } : undefined,
    reply_to: reply
      ? dropUndefined({
          text: oneLine(reply.querySelector('.embedded-text-wrapper, .message-text')),
        })
      : undefined,
    text_html: html,
    text,
    media,
    album: media.length > 1 || el.classList.contains('is-album'),
    link_preview: linkPreview(el.querySelector('.WebPage'), ctx.url),
    element_path: `.${isService ? 'ActionMessage' : 'Message'}[data-message-id=${cssString(String(id))}]`,
    service: isService ? true : undefined,
  } satisfies TelegramPost);
}

function isForwarded(el: Element): boolean {
  return Boolean(
    el.querySelector(
      '.message-content.is-forwarded, .content-inner.forwarded-message, .message-title-name .icon-share-filled',
    ),
  );
}

function readDate(
  timeEl: Element | undefined,
  ctx: ParseContext,
): Pick<TelegramPost, 'published_at' | 'published_at_raw' | 'published_at_basis'> {
  if (!timeEl) return {};
  const title = timeEl.getAttribute('title')?.trim();
  const wall = title ? parseClientTitle(title) : undefined;
  const at = wall && ctx.timeZone ? wallTimeToUtc(wall, ctx.timeZone) : undefined;
  return {
    published_at: at,
    published_at_raw: title || oneLine(timeEl),
    published_at_basis: at ? 'client_local_time' : undefined,
  };
}

function linkPreview(web: Element | null, base?: string): TelegramPost['link_preview'] {
  const url = absoluteUrl(
    web?.querySelector('a[href]')?.getAttribute('href') ?? web?.getAttribute('data-url'),
    base,
  );
  if (!web || !url) return undefined;
  return dropUndefined({
    url,
    title: oneLine(web.querySelector('.site-title')) ?? oneLine(web.querySelector('.site-name')),
    description: oneLine(web.querySelector('.site-description')),
  });
}

function readMedia(
  el: Element,
  own: (s: string) => Element | undefined,
  base?: string,
): TelegramMedia[] {
  const album = own('.Album');
  const boxes = album
    ? Array.from(album.querySelectorAll('.media-inner'))
    : Array.from(el.querySelectorAll('.media-inner, .RoundVideo'))
        .filter((b) => !isInsideWithin(b, el, QUOTED))
        .slice(0, 1);
  const out = boxes.map((box) =>
    mediaIn(box, Number(/album-media-message(\d+)$/.exec(box.id)?.[1]) || undefined, base),
  );
  const file = own('.File');
  if (file) {
    out.push({
      type: 'document',
      title: oneLine(file.querySelector('.file-title')) ?? 'file',
      unavailable_reason: 'file is kept by the client; not linked in the page',
    });
  }
  return out;
}

function mediaIn(box: Element, postId: number | undefined, base?: string): TelegramMedia {
  const video = box.querySelector('video');
  const isVideo =
    Boolean(video ?? box.querySelector('.message-media-duration')) ||
    box.classList.contains('RoundVideo');
  const sizes = box.closest('.Album')
    ? {}
    : { width: styleNumber(box, 'width'), height: styleNumber(box, 'height') };
  if (isVideo) {
    const url = absoluteUrl(video?.getAttribute('src'), base);
    return dropUndefined({
      type: box.classList.contains('RoundVideo') ? 'round_video' : 'video',
      url,
      poster_url: absoluteUrl(box.querySelector('img.thumbnail[src]')?.getAttribute('src'), base),
      duration_s: parseDuration(oneLine(box.querySelector('.message-media-duration'))),
      ...sizes,
      post_id: postId,
      unavailable_reason: url ? undefined : 'video not loaded by the client',
    } satisfies TelegramMedia);
  }
  const img = box.querySelector('img.full-media');
  const attr = (name: string) => {
    const n = Number(img?.getAttribute(name));
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  return dropUndefined({
    type: 'photo',
    url: absoluteUrl(img?.getAttribute('src'), base),
    width: box.closest('.Album') ? undefined : attr('width'),
    height: box.closest('.Album') ? undefined : attr('height'),
    post_id: postId,
  } satisfies TelegramMedia);
}
