/**
 * Progress and outcome of media saves, per tab, in storage.session: the popup follows it (and
 * finds it again when reopened), and it survives the worker being stopped. Writes are batched
 * to at most four a second.
 */
import { browser } from 'wxt/browser';
import { mediaProgressKey, type MediaOutcome } from '@/utils/protocol-media';

const state = new Map<number, Record<string, MediaOutcome>>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export function reportProgress(tabId: number, ref: string, patch: Omit<MediaOutcome, 'ref'>): void {
  const tab = state.get(tabId) ?? {};
  const prev = tab[ref];
  // A new attempt starts clean; progress updates keep what the attempt already knows.
  tab[ref] =
    patch.state === 'queued' || patch.state === 'done' || patch.state === 'failed'
      ? { ref, ...patch }
      : { ...prev, ref, ...patch };
  state.set(tabId, tab);
  const final = patch.state === 'done' || patch.state === 'failed';
  if (timers.has(tabId) && !final) return;
  clearTimeout(timers.get(tabId));
  timers.set(
    tabId,
    setTimeout(
      () => {
        timers.delete(tabId);
        void browser.storage.session
          .set({ [mediaProgressKey(tabId)]: state.get(tabId) })
          .catch(() => undefined);
      },
      final ? 0 : 250,
    ),
  );
}

/**
 * A tab's outcomes name elements of the page they were saved from: forget them when the tab
 * goes to another page (handles restart at m1 there) or is closed.
 */
export function installProgressCleanup(): void {
  const forget = (tabId: number) => {
    state.delete(tabId);
    clearTimeout(timers.get(tabId));
    timers.delete(tabId);
    void browser.storage.session.remove(mediaProgressKey(tabId)).catch(() => undefined);
  };
  browser.tabs.onRemoved.addListener(forget);
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') forget(tabId);
  });
}
