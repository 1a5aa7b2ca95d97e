/**
 * The Clip controls and the answers to the background. One overlay host (fixed, 0×0, a closed
 * shadow root) holds a button beside each post in view, so the page's layout is unchanged;
 * a page script can see only that host element (a custom element with a random name at the
 * end of <body>), not what is inside it.
 */
import { browser } from 'wxt/browser';
import { createShadowRootUi, type ContentScriptContext } from '#imports';
import { onMessage, sendMessage } from '@/lib/messaging';
import { pickLocale, translate, type MessageKey } from '@/utils/i18n';
import {
  TelegramBlobRequest,
  TelegramControlsRequest,
  TelegramEmbedRequest,
  TelegramGatherRequest,
  TelegramLocateRequest,
  type TelegramGathered,
} from '@/utils/protocol-telegram';
import type { TelegramClipResult } from '@/utils/protocol';
import { parsePosts, type TelegramPageMatch } from '@/utils/telegram';
import { fullyVisible, inView, measure, painted, PostIndex } from './posts';
import { readPageBlob } from './blob';
import { markOwnUi } from '@/utils/page/own-ui';

const CSS = `
:host { all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; display: block !important;
  z-index: 2147483647 !important; pointer-events: none !important; }
.layer[hidden] { display: none; }
button { position: fixed; pointer-events: auto; font: 600 12px/1.2 system-ui, sans-serif; padding: 4px 8px;
  border: 1px solid #2f6ea5; border-radius: 6px; background: #fff; color: #2f6ea5; cursor: pointer;
  box-shadow: 0 1px 3px rgba(0,0,0,.2); max-width: 220px; text-align: left; white-space: normal; }
button:disabled { cursor: progress; opacity: .8; }
button[data-state="ok"] { border-color: #2e7d32; color: #2e7d32; }
button[data-state="error"] { border-color: #b00020; color: #b00020; }
`;

const BUTTON_WIDTH = 90;
/** How long the answer stays on the control of a post that vanished while it was clipped. */
const VANISHED_ANSWER_MS = 8000;

export async function startClipper(
  ctx: ContentScriptContext,
  match: TelegramPageMatch,
): Promise<void> {
  const index = new PostIndex(match);
  const locale = pickLocale(navigator.languages);
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const buttons = new Map<Element, HTMLButtonElement>();
  let layer: HTMLDivElement | undefined;
  let savedScroll: { x: number; y: number } | undefined;
  // Controls kept although their post left the page: the one being pressed (its click must still
  // reach it, so the user gets an answer) and those clipping or showing their answer.
  let pressed: HTMLButtonElement | undefined;
  const keepUntil = new Map<HTMLButtonElement, number>();

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
      'keypress',
      'mousedown',
      'mouseup',
      'pointerdown',
      'pointerup',
    ],
    onMount: (container) => {
      layer = document.createElement('div');
      layer.className = 'layer';
      container.append(layer);
    },
  });
  ui.mount();
  // A page capture leaves this control out of the snapshot (utils/page/own-ui.ts).
  markOwnUi(ui.shadowHost);

  const setHidden = (hidden: boolean) => {
    if (layer) layer.hidden = hidden;
  };

  const clip = async (el: Element, button: HTMLButtonElement) => {
    const show = (state: string, text: string) => {
      button.dataset.state = state;
      button.textContent = text;
    };
    button.disabled = true;
    show('busy', t('tgClipping'));
    const post = index.parse(el);
    let res: TelegramClipResult;
    if (!post) {
      res = { ok: false, error: { code: 'errTgUnreadable' } };
    } else {
      setHidden(true);
      await painted();
      res = await sendMessage('clipTelegramPost', {
        post,
        located: measure(el),
        page: {
          title: document.title,
          user_agent: navigator.userAgent,
          time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        },
      }).catch((e: unknown): TelegramClipResult => ({
        ok: false,
        error: { code: 'errUnknown', params: { detail: String(e) } },
      }));
      setHidden(false);
    }
    button.disabled = false;
    if (res.ok && res.sealed) show('ok', t('tgPostSealed'));
    else if (res.ok) show('ok', post?.text.trim() ? t('tgSaved') : t('tgSavedNoText'));
    else show('error', `${t('tgNotSaved')}: ${t(res.error.code, { ...res.error.params })}`);
    button.title = button.textContent ?? '';
    if (!el.isConnected) {
      // The post is gone: its answer stays in place for a while, then the control goes.
      keepUntil.set(button, Date.now() + VANISHED_ANSWER_MS);
      setTimeout(schedule, VANISHED_ANSWER_MS + 50);
    }
    schedule();
  };

  const place = () => {
    if (!layer) return;
    const seen = new Set<Element>();
    for (const el of index.elements()) {
      const r = el.getBoundingClientRect();
      if (!inView(r)) continue;
      seen.add(el);
      let b = buttons.get(el);
      if (!b) {
        b = document.createElement('button');
        b.type = 'button';
        b.textContent = t('tgClip');
        b.title = t('tgClipTitle');
        b.dataset.state = 'idle';
        const target = el;
        const button = b;
        // Only a real click: a page script must not be able to make the extension clip.
        b.addEventListener('pointerdown', () => {
          pressed = button;
        });
        b.addEventListener('click', (e) => {
          if (pressed === button) pressed = undefined;
          if (e.isTrusted) void clip(target, button);
        });
        buttons.set(el, b);
        layer.append(b);
      }
      // Beside the post on the right when there is room, else inside its top-right corner.
      const left =
        r.right + 6 + BUTTON_WIDTH <= innerWidth
          ? r.right + 6
          : Math.max(0, r.right - BUTTON_WIDTH - 6);
      b.style.left = `${Math.round(left)}px`;
      b.style.top = `${Math.round(Math.max(r.top, 0) + 4)}px`;
      b.hidden = false;
    }
    for (const [el, b] of buttons) {
      if (seen.has(el)) continue;
      if (!el.isConnected) {
        if (b === pressed || b.disabled || (keepUntil.get(b) ?? 0) > Date.now()) {
          // Above the next post's control, which may now sit in the same place.
          b.style.zIndex = '1';
          continue;
        }
        keepUntil.delete(b);
        b.remove();
        buttons.delete(el);
      } else b.hidden = true;
    }
  };

  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    ctx.requestAnimationFrame(() => {
      queued = false;
      place();
    });
  };
  // A press that ends elsewhere (no click on the control) releases it.
  ctx.addEventListener(
    document,
    'pointerup',
    () =>
      setTimeout(() => {
        pressed = undefined;
        schedule();
      }, 0),
    { capture: true },
  );
  // Scroll events do not bubble: listen in the capture phase to follow the web clients' inner scrollers.
  ctx.addEventListener(document, 'scroll', schedule, { capture: true, passive: true });
  ctx.addEventListener(window, 'resize', schedule, { passive: true });
  // New posts (infinite scroll, a web client switching chats) get their controls.
  const observer = new MutationObserver(schedule);
  observer.observe(document.body, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
  place();

  const fromBackground = (sender: { id?: string; tab?: unknown }) =>
    sender.id === browser.runtime.id && sender.tab === undefined;
  const removers = [
    onMessage('telegramGather', ({ data, sender }): TelegramGathered | null => {
      if (!fromBackground(sender)) return null;
      const req = TelegramGatherRequest.parse(data);
      const { posts, unreadable } = index.gather(req);
      return {
        adapter: match.adapter,
        channel: match.channel,
        channel_title: match.channel_title,
        posts,
        unreadable,
        page: {
          title: document.title,
          user_agent: navigator.userAgent,
          time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        },
      };
    }),
    onMessage('telegramLocate', async ({ data, sender }) => {
      if (!fromBackground(sender)) return null;
      const req = TelegramLocateRequest.parse(data);
      const el = index.find(req.channel, req.post_id);
      if (!el) return null;
      setHidden(true);
      let scrolled = false;
      if (req.scroll !== false && !fullyVisible(el.getBoundingClientRect())) {
        savedScroll ??= { x: scrollX, y: scrollY };
        const tall = el.getBoundingClientRect().height > innerHeight;
        el.scrollIntoView({
          block: tall ? 'start' : 'center',
          inline: 'nearest',
          behavior: 'instant',
        });
        scrolled = true;
      }
      await painted();
      return el.isConnected ? measure(el, scrolled) : null;
    }),
    onMessage('telegramControls', ({ data, sender }) => {
      if (!fromBackground(sender)) return;
      const req = TelegramControlsRequest.parse(data);
      if (req.restoreScroll && savedScroll)
        scrollTo({ left: savedScroll.x, top: savedScroll.y, behavior: 'instant' });
      savedScroll = undefined;
      setHidden(!req.visible);
      schedule();
    }),
    onMessage('telegramParseEmbed', ({ data, sender }) => {
      if (!fromBackground(sender)) return null;
      const req = TelegramEmbedRequest.parse(data);
      // Parsed inert (DOMParser runs no scripts) for the second-path check.
      const doc = new DOMParser().parseFromString(req.html, 'text/html');
      return parsePosts(doc, 'tme_embed', { url: req.url })[0] ?? null;
    }),
    onMessage('telegramBlob', async ({ data, sender }) => {
      if (!fromBackground(sender)) return null;
      return readPageBlob(TelegramBlobRequest.parse(data).url);
    }),
  ];
  ctx.onInvalidated(() => removers.forEach((r) => r()));
}
