/**
 * The hover control: a small "Save video" / "Save image" button at the top right corner of the
 * video or large image under the pointer. It sits in one overlay host (fixed, 0×0, a closed
 * shadow root, like the Telegram Clip controls), so the page's layout is unchanged and a page
 * script sees only an empty custom element with a random name; the snapshot keeps only that
 * empty element, and the background hides the layer before any screenshot.
 */
import { createShadowRootUi, type ContentScriptContext } from '#imports';
import { sendMessage } from '@/lib/messaging';
import { pickLocale, translate, type MessageKey } from '@/utils/i18n';
import type { MediaSaveResult } from '@/utils/protocol-media';
import { isSmallImage } from '@/utils/media/find';
import { refOf } from './registry';
import { markOwnUi } from '@/utils/page/own-ui';

const CSS = `
:host { all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; display: block !important;
  z-index: 2147483647 !important; pointer-events: none !important; }
.layer[hidden], button[hidden] { display: none; }
button { position: fixed; pointer-events: auto; font: 600 12px/1.2 system-ui, sans-serif; padding: 4px 8px;
  border: 1px solid #2f6ea5; border-radius: 6px; background: #fff; color: #2f6ea5; cursor: pointer;
  box-shadow: 0 1px 3px rgba(0,0,0,.25); max-width: 260px; text-align: left; white-space: normal; }
button:disabled { cursor: progress; opacity: .85; }
button[data-state="ok"] { border-color: #2e7d32; color: #2e7d32; }
button[data-state="error"] { border-color: #b00020; color: #b00020; }
`;

/** Images get the control only when shown at least this large (px): not avatars or icons. */
const LARGE_IMAGE = 200;
const BUTTON_MARGIN = 8;

type MediaElement = HTMLVideoElement | HTMLImageElement;

function mediaAt(x: number, y: number): MediaElement | null {
  for (const el of document.elementsFromPoint(x, y)) {
    if (el instanceof HTMLVideoElement) return el;
    if (el instanceof HTMLImageElement) {
      const r = el.getBoundingClientRect();
      const big = Math.min(r.width, r.height) >= LARGE_IMAGE;
      const small = isSmallImage({
        width: el.naturalWidth,
        height: el.naturalHeight,
        rect: { x: r.x, y: r.y, width: r.width, height: r.height },
      });
      return big && !small ? el : null;
    }
  }
  return null;
}

export interface HoverControl {
  setHidden(hidden: boolean): void;
}

export async function startHoverControl(ctx: ContentScriptContext): Promise<HoverControl> {
  const locale = pickLocale(navigator.languages);
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  let layer: HTMLDivElement | undefined;
  let button: HTMLButtonElement | undefined;
  let current: MediaElement | null = null;
  const busy = new Set<string>();

  const ui = await createShadowRootUi(ctx, {
    name: `c-${Math.random().toString(36).slice(2, 10)}`,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    mode: 'closed',
    inheritStyles: true,
    css: CSS,
    isolateEvents: [
      'click',
      'keydown',
      'keyup',
      'mousedown',
      'mouseup',
      'pointerdown',
      'pointerup',
    ],
    onMount: (container) => {
      layer = document.createElement('div');
      layer.className = 'layer';
      button = document.createElement('button');
      button.hidden = true;
      // Only a real click: a page script cannot reach into the closed root, and a synthetic
      // event must not save anything either.
      button.addEventListener('click', (e) => e.isTrusted && void save());
      layer.append(button);
      container.append(layer);
    },
  });
  ui.mount();
  // A page capture leaves this control out of the snapshot (utils/page/own-ui.ts).
  markOwnUi(ui.shadowHost);

  const label = (el: MediaElement) =>
    el instanceof HTMLVideoElement ? t('mediaHoverSaveVideo') : t('mediaHoverSaveImage');

  const place = (el: MediaElement | null) => {
    if (!button) return;
    if (!el || !el.isConnected) {
      if (!button.disabled) button.hidden = true;
      current = button.disabled ? current : null;
      return;
    }
    if (el !== current && !button.disabled) {
      current = el;
      const ref = refOf(el);
      button.dataset.ref = ref;
      button.dataset.state = busy.has(ref) ? 'busy' : '';
      button.textContent = busy.has(ref) ? t('mediaSaving') : label(el);
      button.title = t('mediaHoverTitle');
    }
    const r = (current ?? el).getBoundingClientRect();
    button.hidden = false;
    button.style.top = `${Math.max(0, r.top) + BUTTON_MARGIN}px`;
    button.style.left = `${Math.max(0, r.right - button.offsetWidth - BUTTON_MARGIN)}px`;
  };

  const save = async () => {
    if (!button || !current) return;
    const ref = refOf(current);
    const b = button;
    busy.add(ref);
    b.disabled = true;
    b.dataset.state = 'busy';
    b.textContent = t('mediaSaving');
    const res = await sendMessage('saveMediaFromPage', { ref }).catch(
      (e: unknown): MediaSaveResult => ({
        ok: false,
        ref,
        error: { code: 'errUnknown', params: { detail: String(e) } },
      }),
    );
    busy.delete(ref);
    b.disabled = false;
    b.dataset.state = res.ok ? 'ok' : 'error';
    b.textContent = res.ok
      ? t('mediaSavedAs', { method: t(methodKey(res.capture_method)) })
      : `${t('mediaNotSaved')}: ${t(res.error.code as MessageKey, { ...res.error.params })}`;
    b.title = b.textContent;
  };

  // Hit-testing at most every 150 ms while the pointer moves: cheap on any page.
  let pending = false;
  let last = { x: 0, y: 0 };
  const onMove = (e: PointerEvent) => {
    last = { x: e.clientX, y: e.clientY };
    if (pending) return;
    pending = true;
    ctx.setTimeout(() => {
      pending = false;
      place(mediaAt(last.x, last.y));
    }, 150);
  };
  ctx.addEventListener(document, 'pointermove', onMove, { passive: true, capture: true });
  ctx.addEventListener(window, 'scroll', () => current && place(current), {
    passive: true,
    capture: true,
  });

  return {
    setHidden(hidden) {
      if (layer) layer.hidden = hidden;
    },
  };
}

export function methodKey(method: string): MessageKey {
  return method === 'recording'
    ? 'mediaMethodRecording'
    : method === 'poster_only'
      ? 'mediaMethodPoster'
      : 'mediaMethodDownload';
}
