/** The detection switches in `storage.local` (see utils/detect/prefs.ts), for every extension context. */
import { browser } from 'wxt/browser';
import { DETECT_PREFS_KEY, parseDetectPrefs, type DetectPrefs } from '@/utils/detect/prefs';

export async function loadDetectPrefs(): Promise<DetectPrefs> {
  const r = await browser.storage.local.get(DETECT_PREFS_KEY);
  return parseDetectPrefs(r[DETECT_PREFS_KEY]);
}

export async function saveDetectPrefs(prefs: DetectPrefs): Promise<void> {
  await browser.storage.local.set({ [DETECT_PREFS_KEY]: prefs });
}
