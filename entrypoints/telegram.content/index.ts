/**
 * Telegram recognition on every http(s) page (while Protokol is allowed on all sites): a few kilobytes that return at once unless the
 * page is a Telegram layout the adapters know (host AND markup, so a saved t.me/s page on another
 * host is recognised too). On a match it asks the background to inject the clipper
 * (telegram-clipper.content), which adds the Clip controls. Reads only; never opens the store.
 */
import { defineContentScript } from '#imports';
import { sendMessage } from '@/lib/messaging';
import { waitForTelegram } from './detect';

export default defineContentScript({
  // Registered by the background only while the user allows Protokol on all sites
  // (entrypoints/background/always-on.ts: every http(s) page, at document_idle).
  registration: 'runtime',
  main(ctx) {
    waitForTelegram(
      ctx,
      () => void sendMessage('telegramDetected', undefined).catch(() => undefined),
    );
  },
});
