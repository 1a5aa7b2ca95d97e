/**
 * The content scripts that run on every page — detection (detector.content), the media watch
 * (media-watch.content) and the Telegram recogniser (telegram.content) — need access to every
 * site, which Protokol does not ask for at install. They are registered here while the user
 * allows Protokol on all sites (the library's first-run screen and settings ask with
 * `permissions.request`), at each start of the worker when that is already allowed, and
 * unregistered as soon as the access is withdrawn. Nothing runs in web pages before that.
 */
import { browser } from 'wxt/browser';
import { ALL_SITES } from '@/utils/host-access';

/** The scripts, as WXT builds them (`registration: 'runtime'` in each entrypoint). */
export const ALWAYS_ON = [
  { id: 'protokol-detector', js: ['content-scripts/detector.js'] },
  { id: 'protokol-media-watch', js: ['content-scripts/media-watch.js'] },
  { id: 'protokol-telegram', js: ['content-scripts/telegram.js'] },
] as const;

const IDS = ALWAYS_ON.map((s) => s.id);

export async function allSitesAllowed(): Promise<boolean> {
  return browser.permissions.contains({ origins: [...ALL_SITES] });
}

/** Make the registered scripts match the access the user gave: all three, or none. */
async function sync(): Promise<void> {
  const allowed = await allSitesAllowed();
  const registered = new Set(
    (await browser.scripting.getRegisteredContentScripts({ ids: IDS })).map((s) => s.id),
  );
  if (allowed) {
    const missing = ALWAYS_ON.filter((s) => !registered.has(s.id));
    if (missing.length > 0)
      await browser.scripting.registerContentScripts(
        missing.map((s) => ({
          id: s.id,
          js: [...s.js],
          matches: [...ALL_SITES],
          runAt: 'document_idle' as const,
          allFrames: false,
          persistAcrossSessions: true,
        })),
      );
  } else if (registered.size > 0) {
    await browser.scripting.unregisterContentScripts({ ids: [...registered] });
  }
}

let queue: Promise<void> = Promise.resolve();

/** One sync at a time (a grant and a withdrawal in quick succession end in the last state). */
export function syncAlwaysOnScripts(): Promise<void> {
  const p = queue.then(sync, sync);
  queue = p.catch((e: unknown) =>
    console.error('Protokol: could not update the always-on content scripts', e),
  );
  return p;
}

export function installAlwaysOn(): void {
  browser.permissions.onAdded.addListener(() => void syncAlwaysOnScripts().catch(() => undefined));
  browser.permissions.onRemoved.addListener(
    () => void syncAlwaysOnScripts().catch(() => undefined),
  );
  void syncAlwaysOnScripts().catch(() => undefined);
}
