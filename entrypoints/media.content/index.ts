/**
 * The media finder and the hover control, injected by the background on demand: when the popup
 * lists a tab's media, when a capture saves a page's media, and when the small watcher
 * (media-watch.content) sees the pointer over a video or a large image. Keeping it out of the
 * script that runs on every page keeps ordinary pages free of its load cost. Reads only.
 */
import { defineContentScript } from '#imports';
import { browser } from 'wxt/browser';
import { onMessage } from '@/lib/messaging';
import { MediaLocateRequest, type MediaLocated } from '@/utils/protocol-media';
import { describeRef, elementOf, findAll } from './registry';
import { listenForMediaPorts } from './port';
import { startHoverControl } from './hover';
import { painted } from '../telegram.content/posts';

const STARTED = Symbol.for('protokol.media');

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    // Injected again (the watcher and the popup may both ask): start once per document.
    const g = globalThis as unknown as Record<symbol, boolean>;
    if (g[STARTED]) return;
    g[STARTED] = true;
    const hover = startHoverControl(ctx);
    // Only the extension's background (a sender without a tab) may ask.
    const check = (sender: { id?: string; tab?: unknown }) => {
      if (sender.id !== browser.runtime.id || sender.tab) throw new Error('forbidden');
    };
    const stops = [
      listenForMediaPorts(),
      onMessage('mediaFind', ({ sender }) => (check(sender), findAll())),
      onMessage('mediaDescribe', ({ data, sender }) => {
        check(sender);
        return describeRef(MediaLocateRequest.parse(data).ref);
      }),
      onMessage('mediaLocate', ({ data, sender }): MediaLocated | null => {
        check(sender);
        const el = elementOf(MediaLocateRequest.parse(data).ref);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return {
          rect: { x: r.x, y: r.y, width: r.width, height: r.height },
          viewport: { width: innerWidth, height: innerHeight },
          device_pixel_ratio: devicePixelRatio || 1,
        };
      }),
      onMessage('mediaControls', async ({ data, sender }) => {
        check(sender);
        (await hover).setHidden(!data.visible);
        // Two frames, so a screenshot taken next no longer shows the control.
        await painted();
      }),
    ];
    ctx.onInvalidated(() => {
      for (const s of stops) s();
      g[STARTED] = false;
    });
  },
});
