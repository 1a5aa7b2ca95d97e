/**
 * Telegram post clipping on the page: a Clip control beside each post (one overlay host with a
 * closed shadow root) and answers to the background's requests for posts. Registered on every
 * http(s) page, it returns at once unless the page is a Telegram layout the adapters know
 * (host AND markup), so a saved t.me/s page on another host is recognised too.
 * It reads the page and sends post data to the background; it never opens the evidence store.
 */
import { defineContentScript } from '#imports';
import { startClipper } from './clipper';
import { waitForTelegram } from './detect';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    waitForTelegram(ctx, (match) => void startClipper(ctx, match));
  },
});
