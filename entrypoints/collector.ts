/**
 * Injected into the page being captured (isolated world) by the background with
 * `scripting.executeScript`. It only reads the page and returns what it read; it never
 * touches the evidence store. Errors are returned, not thrown, so the user can be told.
 */
import { defineUnlistedScript } from '#imports';
import { collectPage, type PageCapture } from '@/utils/page/collect';

export type CollectorResult = { ok: true; capture: PageCapture } | { ok: false; error: string };

export default defineUnlistedScript((): CollectorResult => {
  try {
    return { ok: true, capture: collectPage(window) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
});
