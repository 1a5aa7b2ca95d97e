/**
 * On every http(s) page (while Protokol is allowed on all sites), a few lines that wait for the pointer to come over a video (or over
 * anything while the page has one: players put their controls above the video) or over a large
 * image, and then ask the background once to inject the media finder with its hover control
 * (media.content). Nothing else runs on ordinary pages. Reads only; never opens the store.
 */
import { defineContentScript } from '#imports';
import { sendMessage } from '@/lib/messaging';

const LARGE_IMAGE = 200;

export default defineContentScript({
  // Registered by the background only while the user allows Protokol on all sites
  // (entrypoints/background/always-on.ts: every http(s) page, at document_idle).
  registration: 'runtime',
  main(ctx) {
    const videos = document.getElementsByTagName('video');
    let asked = false;
    const onOver = (e: Event) => {
      if (asked) return;
      const t = e.target;
      const wanted =
        videos.length > 0 ||
        (t instanceof HTMLImageElement && Math.min(t.clientWidth, t.clientHeight) >= LARGE_IMAGE);
      if (!wanted) return;
      asked = true;
      void sendMessage('mediaWanted', undefined).catch(() => undefined);
    };
    ctx.addEventListener(document, 'pointerover', onOver, { passive: true, capture: true });
  },
});
