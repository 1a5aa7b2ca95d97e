/**
 * Telegram recognition on every http(s) page: a few kilobytes that return at once unless the
 * page is a Telegram layout the adapters know (host AND markup, so a saved t.me/s page on another
 * host is recognised too). On a match it asks the background to inject the clipper
 * (telegram-clipper.content), which adds the Clip controls. Reads only; never opens the store.
 */
import { defineContentScript } from '#imports';
import { sendMessage } from '@/lib/messaging';
import { waitForTelegram } from './detect';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    waitForTelegram(
      ctx,
      () => void sendMessage('telegramDetected', undefined).catch(() => undefined),
    );
  },
});
