/**
 * Panic wipe: erase the evidence store, the keys, settings and every other trace the extension
 * keeps in the browser, then reload the extension so it looks freshly installed. For a monitor
 * whose laptop is about to be seized: one deliberate action, done in about a second.
 */
import { browser } from 'wxt/browser';
import type { EvidenceDb } from '@/utils/store';

export interface WipeResult {
  databases: string[];
  /** Whether the browser removed the origin's storage directories (browsingData), and how long it took. */
  origin_data: { removed: boolean; ms: number; error?: string };
  took_ms: number;
}

/** `afterWipe` re-arms what start-up arms (alarms), as a fresh install would have it. */
export async function panicWipe(db: EvidenceDb, afterWipe?: () => void): Promise<WipeResult> {
  const t0 = performance.now();
  // Close the extension's own pages first (library, settings…): they hold the database open
  // and show its content. The page that asked for the wipe is closed too.
  const origin = browser.runtime.getURL('/');
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs
      .filter((t) => t.id !== undefined && (t.url ?? '').startsWith(origin))
      .map((t) => browser.tabs.remove(t.id!).catch(() => undefined)),
  );
  // The keys of an encrypted store are forgotten: the store that comes back is a new, clear
  // one (writing into it with the destroyed key would make unreadable records).
  db.storeCrypto = null;
  db.vaultLocked = false;
  // Closed so the deletion is not blocked, and kept closed while the wipe runs: work still
  // running (a conversion, a capture) fails instead of reopening the store, since an opening
  // caught by the browser's removal below never finishes (measured: every later use hung).
  db.close({ disableAutoOpen: true });
  // Every IndexedDB database of the extension's origin, not only the evidence store.
  const names = new Set<string>([db.name]);
  for (const info of (await indexedDB.databases?.()) ?? []) if (info.name) names.add(info.name);
  await Promise.all([...names].map((name) => deleteDatabase(name)));
  const originData = await removeOriginData(origin);
  // From here the next use opens a new, empty store, as on a new install.
  db.close({ disableAutoOpen: false });
  await Promise.all([
    browser.storage.local.clear(),
    browser.storage.session?.clear(),
    browser.alarms.clearAll(),
  ]);
  const caches = (globalThis as { caches?: CacheStorage }).caches;
  if (caches) for (const k of await caches.keys()) await caches.delete(k);
  // No badge or title left on any tab. (runtime.reload() would also reset the worker, but an
  // extension loaded from a folder does not come back from it, so the state is reset by hand.)
  for (const t of tabs) {
    if (t.id === undefined) continue;
    await browser.action.setBadgeText({ text: '', tabId: t.id }).catch(() => undefined);
    await browser.action.setTitle({ title: '', tabId: t.id }).catch(() => undefined);
  }
  await browser.action.setBadgeText({ text: '' });
  afterWipe?.();
  last = { databases: [...names], origin_data: originData, took_ms: performance.now() - t0 };
  return last;
}

let last: WipeResult | undefined;
/** The last wipe's result in this worker (the popup that asked is closed by the wipe). */
export function lastWipe(): WipeResult | undefined {
  return last;
}

/**
 * Deleting a database only marks its values deleted inside the origin's LevelDB: the old
 * values (a clear store's text, an encrypted store's header with the wrapped data key) stay
 * in its log and table files until a compaction. Asking the browser to remove the origin's
 * storage makes Chromium delete the origin's IndexedDB directories (LevelDB and blob files)
 * whole (measured: docs/vault-design.md §6). Firefox has no per-origin removal: skipped there.
 */
async function removeOriginData(
  origin: string,
): Promise<{ removed: boolean; ms: number; error?: string }> {
  const t0 = performance.now();
  const bd = (globalThis as { chrome?: { browsingData?: typeof chrome.browsingData } }).chrome
    ?.browsingData;
  if (!bd?.remove) return { removed: false, ms: 0, error: 'browsingData unavailable' };
  try {
    await bd.remove(
      { origins: [origin.replace(/\/$/, '')], originTypes: { extension: true } },
      { indexedDB: true, cacheStorage: true, fileSystems: true, localStorage: true },
    );
    return { removed: true, ms: performance.now() - t0 };
  } catch (e) {
    return { removed: false, ms: performance.now() - t0, error: String(e) };
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`could not delete ${name}`));
    // Another connection still open (a page that did not close): it gets versionchange and
    // Dexie closes itself; the deletion then completes.
    req.onblocked = () => undefined;
  });
}
