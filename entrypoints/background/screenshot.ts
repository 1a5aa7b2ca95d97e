/**
 * Viewport screenshots. Chromium allows two captureVisibleTab calls a second per extension;
 * captures started quickly one after another (a monitor clicking fast, the batch CLI) are
 * queued so none fails on that quota.
 */
import { browser } from 'wxt/browser';

const MIN_GAP_MS = 550;
let last = 0;
let queue: Promise<unknown> = Promise.resolve();

export function captureViewportPng(windowId: number): Promise<string> {
  const run = async (): Promise<string> => {
    for (let attempt = 0; ; attempt++) {
      const wait = last + MIN_GAP_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      last = Date.now();
      try {
        return await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
      } catch (e) {
        // The quota is per second and shared with anything else in the extension: wait and retry.
        if (attempt < 3 && /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(String(e))) continue;
        throw e;
      }
    }
  };
  const p = queue.then(run, run);
  queue = p.catch(() => undefined);
  return p;
}
