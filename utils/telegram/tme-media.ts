/**
 * Media of a t.me post (channel preview `t.me/s/<channel>` and the `?embed=1` widget). Class names
 * are those of Telegram's own widget markup as the saved pages in shared/data/telegram show it;
 * album items carry their own message id in `href="https://t.me/<channel>/<id>?single"`.
 */
import {
  absoluteUrl,
  backgroundUrl,
  dropUndefined,
  hasClass,
  isInsideWithin,
  oneLine,
  parseDuration,
  parsePostLink,
  queryOwn,
  styleNumber,
} from './dom';
import type { TelegramMedia } from './types';

/** Subtrees of a post element that are not the post itself: the quoted reply, the link preview
 * and the fallback copy t.me keeps hidden unless the browser cannot show the media. */
export const TME_NOT_POST =
  '.tgme_widget_message_reply, .tgme_widget_message_link_preview, .media_not_supported_cont';

const READERS: Array<[string, (el: Element, base?: string) => TelegramMedia]> = [
  ['tgme_widget_message_photo_wrap', photo],
  ['tgme_widget_message_video_player', video],
  ['tgme_widget_message_roundvideo_player', roundVideo],
  ['tgme_widget_message_voice_player', voice],
  ['tgme_widget_message_document_wrap', documentFile],
  ['tgme_widget_message_sticker_wrap', sticker],
];

/** Selector matching every media block the readers know. */
export const TME_MEDIA = READERS.map(([c]) => `.${c}`).join(', ');

/** The post's media in page order; a block that cannot be read costs that block, not the post. */
export function readTmeMedia(post: Element, base?: string): TelegramMedia[] {
  const blocks = queryOwn(post, TME_MEDIA, TME_NOT_POST);
  const out: TelegramMedia[] = [];
  for (const block of blocks) {
    // A block nested in another known block (a video's thumbnail wrap) is part of that one.
    if (blocks.some((other) => other !== block && other.contains(block))) continue;
    const reader = READERS.find(([c]) => hasClass(block, c))?.[1];
    if (!reader) continue;
    try {
      out.push(dropUndefined(reader(block, base)));
    } catch {
      out.push({ type: 'photo' });
    }
  }
  return out;
}

function ownId(el: Element): number | undefined {
  const href = el.getAttribute('href') ?? '';
  return href.includes('?single') ? parsePostLink(href)?.postId : undefined;
}

function heightFrom(
  width: number | undefined,
  box: Element | null | undefined,
): number | undefined {
  const pct = styleNumber(box, 'padding-top');
  return width !== undefined && pct !== undefined ? Math.round((width * pct) / 100) : undefined;
}

function photo(el: Element, base?: string): TelegramMedia {
  // Album items' inline sizes are layout pixels of the collage, not of the photo.
  const grouped = hasClass(el, 'grouped_media_wrap');
  const width = grouped ? undefined : styleNumber(el, 'width');
  const img = el.querySelector('img[src]');
  return {
    type: 'photo',
    url: backgroundUrl(el, base) ?? absoluteUrl(img?.getAttribute('src'), base),
    width,
    height: grouped ? undefined : heightFrom(width, el.querySelector('.tgme_widget_message_photo')),
    post_id: ownId(el),
  };
}

function notSupportedLabel(el: Element): string | undefined {
  return oneLine(el.querySelector('.message_media_not_supported_label'));
}

function video(el: Element, base?: string): TelegramMedia {
  const wrap = el.querySelector('.tgme_widget_message_video_wrap');
  const tag =
    el.querySelector('video.tgme_widget_message_video, .tgme_widget_message_video_wrap video') ??
    el.querySelector('video');
  const url = absoluteUrl(tag?.getAttribute('src'), base);
  const grouped = hasClass(el, 'grouped_media_wrap');
  const width = grouped ? undefined : styleNumber(wrap, 'width');
  return {
    type: 'video',
    url,
    poster_url: backgroundUrl(el.querySelector('.tgme_widget_message_video_thumb'), base),
    duration_s: parseDuration(el.querySelector('.message_video_duration')?.textContent),
    width,
    height: grouped ? undefined : heightFrom(width, wrap),
    post_id: ownId(el),
    // "Media is too big": t.me shows the thumbnail and duration but no file.
    unavailable_reason: url ? undefined : (notSupportedLabel(el) ?? 'no video URL on the page'),
  };
}

function roundVideo(el: Element, base?: string): TelegramMedia {
  const url = absoluteUrl(el.querySelector('video')?.getAttribute('src'), base);
  return {
    type: 'round_video',
    url,
    poster_url: backgroundUrl(el.querySelector('.tgme_widget_message_roundvideo_thumb'), base),
    duration_s: parseDuration(
      el.querySelector('.tgme_widget_message_roundvideo_duration')?.textContent,
    ),
    unavailable_reason: url ? undefined : notSupportedLabel(el),
  };
}

function voice(el: Element, base?: string): TelegramMedia {
  const url = absoluteUrl(el.querySelector('audio')?.getAttribute('src'), base);
  return {
    type: 'voice',
    url,
    duration_s: parseDuration(el.querySelector('.tgme_widget_message_voice_duration')?.textContent),
    unavailable_reason: url ? undefined : notSupportedLabel(el),
  };
}

function documentFile(el: Element): TelegramMedia {
  // t.me never links the file of a document; the title and size are all a visitor sees.
  const extra = oneLine(el.querySelector('.tgme_widget_message_document_extra'));
  return {
    type: 'document',
    title: oneLine(el.querySelector('.tgme_widget_message_document_title')),
    post_id: ownId(el),
    unavailable_reason: extra ? `not linked by t.me (${extra})` : 'not linked by t.me',
  };
}

function sticker(el: Element, base?: string): TelegramMedia {
  const img = el.querySelector('.tgme_widget_message_sticker');
  const url =
    absoluteUrl(img?.getAttribute('data-webp'), base) ??
    absoluteUrl(
      el.querySelector('source[srcset]')?.getAttribute('srcset')?.split(/\s+/)[0],
      base,
    ) ??
    absoluteUrl(el.querySelector('video')?.getAttribute('src'), base) ??
    backgroundUrl(img, base);
  return { type: 'sticker', url };
}

/** True when `el` sits inside one of the post's media blocks (their own "not supported" notes). */
export function insideTmeMedia(el: Element, post: Element): boolean {
  return isInsideWithin(el, post, TME_MEDIA);
}
