/**
 * The detection switches for extension pages (popup, settings). They live in the evidence
 * store (utils/store/detect-prefs.ts, encrypted with it), which the background reads and writes;
 * pages ask it, so there is one place that knows whether the store is locked.
 */
import { sendMessage } from '@/lib/messaging';
import type { DetectPrefs } from '@/utils/detect/prefs';

export async function loadDetectPrefs(): Promise<DetectPrefs> {
  return sendMessage('detectionPrefs', undefined);
}

export async function saveDetectPrefs(prefs: DetectPrefs): Promise<DetectPrefs> {
  return sendMessage('setDetectionPrefs', prefs);
}
