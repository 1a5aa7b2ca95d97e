/**
 * Elements Protokol itself puts into a page (the hover "Save video" control, the Telegram Clip
 * buttons, the detection highlights): registered here so a capture leaves them out of the
 * snapshot. The set lives on the extension's isolated world (shared by its content scripts and by
 * the collector injected at capture time); the page's own scripts cannot see or fill it.
 * Pure: no browser APIs, only globalThis.
 */
const KEY = Symbol.for('protokol.own-ui-hosts');

export function ownUiHosts(): WeakSet<Element> {
  const g = globalThis as unknown as Record<symbol, WeakSet<Element> | undefined>;
  return (g[KEY] ??= new WeakSet<Element>());
}

/** Marks an element Protokol added to the page; the snapshot drops it with a note. */
export function markOwnUi(el: Element): void {
  ownUiHosts().add(el);
}

export function isOwnUi(el: Element): boolean {
  return ownUiHosts().has(el);
}
