/**
 * Recognising the page cheaply: one detection at document idle; only on web.telegram.org,
 * whose client renders its messages later, a throttled watch until they appear.
 */
import type { ContentScriptContext } from '#imports';
import { detectTelegramPage } from '@/utils/telegram/adapters';
import type { TelegramPageMatch } from '@/utils/telegram';

export function waitForTelegram(
  ctx: ContentScriptContext,
  onMatch: (m: TelegramPageMatch) => void,
): void {
  const first = detectTelegramPage(document, location.href);
  if (first) return onMatch(first);
  if (location.hostname !== 'web.telegram.org') return;
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    ctx.setTimeout(() => {
      pending = false;
      const m = detectTelegramPage(document, location.href);
      if (m) {
        observer.disconnect();
        onMatch(m);
      }
    }, 500);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
}
