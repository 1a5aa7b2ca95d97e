/**
 * The library parses the public embed page a re-check fetched (the background's service worker
 * has no DOMParser): the same parser and layout (`tme_embed`) as the clip-time check, over an
 * inert document (DOMParser runs no scripts and loads nothing).
 */
import { browser } from 'wxt/browser';
import { onMessage } from '@/lib/messaging';
import { TelegramEmbedRequest } from '@/utils/protocol-telegram';
import { parsePosts } from '@/utils/telegram';

/**
 * Parse one embed page into its post; null when it shows none. t.me answers a deleted (or no
 * longer public) post with an error block ("Post not found") in place of the post, possibly
 * inside a post frame that still names it: that is no post. Needs a DOM.
 */
export function parseEmbedPage(html: string, url: string) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  if (doc.querySelector('.tgme_widget_message_error')) return null;
  return parsePosts(doc, 'tme_embed', { url })[0] ?? null;
}

/** Answer the background's `parseTelegramEmbedPage` (only from the extension, never a tab). */
export function installEmbedParser(): () => void {
  return onMessage('parseTelegramEmbedPage', ({ data, sender }) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return null;
    const req = TelegramEmbedRequest.parse(data);
    return parseEmbedPage(req.html, req.url);
  });
}
