/**
 * Violation detection on every http(s) page the user opens (while Protokol is allowed on all
 * sites), when detection is on and the site
 * is not in the off list: the visible text goes to the background, which runs the engine
 * (so the page's main thread never does), sets the badge and keeps the result for the popup.
 * Reads `storage.local` switches only; never opens the evidence store.
 */
import { defineContentScript } from '#imports';
import { startDetector } from './scan';

export default defineContentScript({
  // Registered by the background only while the user allows Protokol on all sites
  // (entrypoints/background/always-on.ts: every http(s) page, at document_idle).
  registration: 'runtime',
  main(ctx) {
    void startDetector(ctx).catch((e: unknown) =>
      console.debug('Protokol: detection did not run', e),
    );
  },
});
