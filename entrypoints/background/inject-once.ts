/**
 * On-demand content scripts (the Telegram clipper, the media finder) are injected into a tab's
 * top frame only when needed, and only once: injecting twice would make WXT end the first
 * instance. Callers in flight share one injection per tab, and a flag the script sets in the
 * extension's isolated world (shared by its content scripts, invisible to the page) tells
 * whether it already runs there.
 */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';

/** `file`: the built script; `flag`: the `Symbol.for` key it sets on its globalThis when started. */
export function injectOnce(file: ScriptPublicPath, flag: string): (tabId: number) => Promise<void> {
  const injecting = new Map<number, Promise<void>>();
  return (tabId) => {
    const pending = injecting.get(tabId);
    if (pending) return pending;
    const p = (async () => {
      const target = { tabId, frameIds: [0] };
      const [probe] = await browser.scripting
        .executeScript({
          target,
          func: (key: string) =>
            Boolean((globalThis as unknown as Record<symbol, boolean>)[Symbol.for(key)]),
          args: [flag],
        })
        .catch(() => [undefined]);
      if (probe?.result === true) return;
      await browser.scripting.executeScript({ target, files: [file] });
    })().finally(() => injecting.delete(tabId));
    injecting.set(tabId, p);
    return p;
  };
}
