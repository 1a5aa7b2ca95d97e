/**
 * Which Telegram page layout a document is. A page is recognised by its host AND by its DOM: a
 * t.me page whose markup is not a known layout gets null (the caller falls back to the generic
 * page capture and records why), and a saved copy of a t.me/s page opened from a file or another
 * host is still recognised by its markup.
 */
import { oneLine } from './dom';
import { clientHashTarget, webaChannelId, webkChannelId } from './ids';
import type { TelegramAdapterId } from './types';

/** A recognised page: its layout and, when the page names it, the channel. */
export interface TelegramPageMatch {
  adapter: TelegramAdapterId;
  channel?: string;
  channel_title?: string;
}

const TME_HOSTS = /^(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)$/i;

/** DOM signatures, each checked with a single query. */
const SIG = {
  tmeList:
    '.tgme_widget_message_wrap .tgme_widget_message[data-post], .tgme_channel_history .tgme_widget_message[data-post]',
  tmeChannelInfo: '.tgme_channel_info',
  tmeEmbed: 'body.body_widget_post .tgme_widget_message, #widget_message.tgme_widget_message',
  tmePostPage:
    '.tgme_page_widget [data-telegram-post], script[data-telegram-post], .tgme_page_post',
  webk: '.bubble[data-mid][data-peer-id]',
  weba: '.Message[data-message-id], .ActionMessage[data-message-id]',
};

/**
 * Detects the layout of `doc` as loaded from `url`. Returns null for pages that are not a known
 * Telegram layout, including t.me pages whose markup changed.
 */
export function detectTelegramPage(doc: Document, url: string): TelegramPageMatch | null {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  const host = u?.hostname ?? '';
  const has = (selector: string) => doc.querySelector(selector) !== null;

  if (host.toLowerCase() === 'web.telegram.org') {
    const path = u?.pathname ?? '/';
    if (path.startsWith('/k') && has(SIG.webk)) return webk(doc, url);
    if (path.startsWith('/a') && has(SIG.weba)) return weba(doc, url);
    if (!/^\/[ak](\/|$)/.test(path))
      return has(SIG.webk) ? webk(doc, url) : has(SIG.weba) ? weba(doc, url) : null;
    return null;
  }

  const onTme = TME_HOSTS.test(host);
  const embed = has(SIG.tmeEmbed);
  const list = has(SIG.tmeList);
  if (onTme) {
    const path = u?.pathname ?? '/';
    const isEmbedUrl = u?.searchParams.get('embed') === '1';
    const s = /^\/s\/([A-Za-z0-9_]+)\/?$/.exec(path);
    // A channel with no posts yet still shows its info block: a known layout with zero posts.
    if (s?.[1] && (list || has(SIG.tmeChannelInfo))) return tmeS(doc, s[1]);
    const post = /^\/(?:s\/)?([A-Za-z0-9_]+)\/(\d+)\/?$/.exec(path);
    if (post?.[1]) {
      if (isEmbedUrl && embed) return { adapter: 'tme_embed', channel: post[1] };
      if (embed) return { adapter: 'tme_embed', channel: post[1] };
      if (has(SIG.tmePostPage) || has('.tgme_widget_message'))
        return { adapter: 'tme_post', channel: post[1] };
      if (list) return tmeS(doc, post[1]);
    }
    return null;
  }

  // Any other origin (a saved copy, a file, a local test server): the markup alone decides.
  if (embed && !list) return { adapter: 'tme_embed', channel: channelOfLinks(doc) };
  if (list || (has(SIG.tmeChannelInfo) && !has(SIG.webk) && !has(SIG.weba)))
    return tmeS(doc, undefined);
  if (has(SIG.webk)) return webk(doc, url);
  if (has(SIG.weba)) return weba(doc, url);
  return null;
}

function tmeS(doc: Document, fromUrl: string | undefined): TelegramPageMatch {
  const username = oneLine(doc.querySelector('.tgme_channel_info_header_username'))?.replace(
    /^@/,
    '',
  );
  const dataUrl = doc.querySelector('main[data-url]')?.getAttribute('data-url')?.replace(/^\//, '');
  const fromPost = /^([A-Za-z0-9_]+)\//.exec(
    doc.querySelector('.tgme_widget_message[data-post]')?.getAttribute('data-post') ?? '',
  )?.[1];
  const title =
    oneLine(doc.querySelector('.tgme_channel_info_header_title')) ??
    oneLine(doc.querySelector('.tgme_header_title'));
  return strip({
    adapter: 'tme_s',
    channel: fromUrl ?? username ?? dataUrl ?? fromPost,
    channel_title: title,
  });
}

function channelOfLinks(doc: Document): string | undefined {
  const href =
    doc
      .querySelector('.tgme_widget_message_date[href], .tgme_widget_message_link a[href]')
      ?.getAttribute('href') ?? '';
  return /t\.me\/([A-Za-z0-9_]+)\/\d+/.exec(href)?.[1];
}

function webk(doc: Document, url: string): TelegramPageMatch {
  const target = clientHashTarget(url);
  const topTitle = doc.querySelector('.chat-info .user-title .peer-title, .chat-info .peer-title');
  const peerId =
    target.peer ??
    topTitle?.getAttribute('data-peer-id') ??
    doc.querySelector('.bubble[data-peer-id]')?.getAttribute('data-peer-id');
  const id = webkChannelId(peerId);
  return strip({
    adapter: 'webk',
    channel: target.username ?? (id ? `c/${id}` : undefined),
    channel_title: oneLine(topTitle),
  });
}

function weba(doc: Document, url: string): TelegramPageMatch {
  const target = clientHashTarget(url);
  const info = doc.querySelector('.MiddleHeader .ChatInfo') ?? doc.querySelector('.ChatInfo');
  const handle = oneLine(info?.querySelector('.handle'))?.replace(/^@/, '');
  const id = webaChannelId(
    target.peer ?? info?.querySelector('[data-peer-id]')?.getAttribute('data-peer-id'),
  );
  return strip({
    adapter: 'weba',
    channel: target.username ?? handle ?? (id ? `c/${id}` : undefined),
    channel_title: oneLine(info?.querySelector('.fullName')),
  });
}

function strip(m: TelegramPageMatch): TelegramPageMatch {
  return Object.fromEntries(
    Object.entries(m).filter(([, v]) => v !== undefined),
  ) as unknown as TelegramPageMatch;
}
