/**
 * Panic wipe: erase the evidence store, the keys, settings and every other trace the extension
 * keeps in the browser, then reload the extension so it looks freshly installed. For a monitor
 * whose laptop is about to be seized: one deliberate action, done in about a second.
 */
import { browser } from 'wxt/browser';
import type { EvidenceDb } from '@/utils/store';

export interface WipeResult {
  databases: string[];
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
  // Closed so the deletion is not blocked; the next use re-opens it, empty, as on a new install.
  db.close({ disableAutoOpen: false });
  // Every IndexedDB database of the extension's origin, not only the evidence store.
  const names = new Set<string>([db.name]);
  for (const info of (await indexedDB.databases?.()) ?? []) if (info.name) names.add(info.name);
  await Promise.all([...names].map((name) => deleteDatabase(name)));
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
  return { databases: [...names], took_ms: performance.now() - t0 };
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
