/**
 * The highlight overlay: one host element at the end of <html>, with a closed shadow root, so
 * the page's styles cannot reach the boxes and the page's scripts cannot read or restyle them.
 * Boxes sit over the passages' client rects (fixed positioning) and are placed again on
 * scroll and resize. Nothing else is inserted into the page's DOM; `hide()` removes the host.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { markOwnUi } from '@/utils/page/own-ui';

const MAX_BOXES = 400;
const CSS = `
  :host { all: initial; }
  .box { position: fixed; box-sizing: border-box; pointer-events: none; border-radius: 2px;
         background: rgba(250, 204, 21, 0.35); box-shadow: 0 0 0 2px rgba(194, 65, 12, 0.85); }
`;

export interface Overlay {
  /** Show boxes over `ranges`; returns how many boxes were drawn. */
  show(ranges: Range[]): number;
  hide(): void;
  readonly visible: boolean;
}

export function createOverlay(ctx: ContentScriptContext, doc: Document = document): Overlay {
  let host: HTMLElement | null = null;
  let layer: HTMLElement | null = null;
  let ranges: Range[] = [];
  let frame = 0;

  const place = (): number => {
    if (!layer) return 0;
    const rects: DOMRect[] = [];
    for (const r of ranges) {
      for (const rect of r.getClientRects()) {
        if (rect.width < 1 || rect.height < 1) continue;
        rects.push(rect);
        if (rects.length >= MAX_BOXES) break;
      }
    }
    // Reuse the boxes already there; a scroll only moves them.
    while (layer.childElementCount > rects.length) layer.lastElementChild!.remove();
    while (layer.childElementCount < rects.length) {
      const box = doc.createElement('div');
      box.className = 'box';
      layer.append(box);
    }
    rects.forEach((rect, i) => {
      const s = (layer!.children[i] as HTMLElement).style;
      s.left = `${rect.left}px`;
      s.top = `${rect.top}px`;
      s.width = `${rect.width}px`;
      s.height = `${rect.height}px`;
    });
    return rects.length;
  };
  const schedule = () => {
    if (!host || frame) return;
    frame = ctx.requestAnimationFrame(() => {
      frame = 0;
      place();
    });
  };
  // Listeners live as long as the content script; they do nothing while nothing is shown.
  ctx.addEventListener(window, 'scroll', schedule, { capture: true, passive: true });
  ctx.addEventListener(window, 'resize', schedule, { passive: true });

  const hide = () => {
    host?.remove();
    host = null;
    layer = null;
    ranges = [];
  };
  ctx.onInvalidated(hide);

  return {
    show(next) {
      if (!host || !host.isConnected) {
        hide();
        host = doc.createElement('div');
        // Inline so no page stylesheet decides whether the overlay shows; it never takes clicks.
        host.style.cssText =
          'all: initial; position: fixed; inset: 0; pointer-events: none; z-index: 2147483647; contain: layout style;';
        const root = host.attachShadow({ mode: 'closed' });
        const style = doc.createElement('style');
        style.textContent = CSS;
        layer = doc.createElement('div');
        root.append(style, layer);
        doc.documentElement.append(host);
        markOwnUi(host);
      }
      ranges = next;
      return place();
    },
    hide,
    get visible() {
      return !!host?.isConnected;
    },
  };
}
