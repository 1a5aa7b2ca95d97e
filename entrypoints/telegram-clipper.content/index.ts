/**
 * The Telegram clipper (Clip controls, post gathering), injected by the background only into
 * pages the small loader (telegram.content) recognised as Telegram. Keeping the parsers out of
 * the script that runs on every page keeps ordinary pages free of its load cost.
 */
import { defineContentScript } from '#imports';
import { detectTelegramPage } from '@/utils/telegram/adapters';
import { startClipper } from '../telegram.content/clipper';

const STARTED = Symbol.for('protokol.telegram-clipper');

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    // Injected again (the loader and a capture may both ask): start once per document.
    const g = globalThis as unknown as Record<symbol, boolean>;
    if (g[STARTED]) return;
    const match = detectTelegramPage(document, location.href);
    if (!match) return;
    g[STARTED] = true;
    void startClipper(ctx, match);
  },
});
