/**
 * Capture-time trusted timestamps, only when the user turned them on: the SHA-256 of custody
 * line 0 goes to the configured authorities in turn. A failure never blocks or undoes a
 * capture: the item stays "not yet timestamped" and is retried by an alarm and at start-up.
 */
import { browser } from 'wxt/browser';
import { requestTimestamp } from '@/utils/tsa/client';
import {
  addCaptureTimestamp,
  getSettings,
  line0Digest,
  markTimestampPending,
  pendingTimestampItems,
  type EvidenceDb,
} from '@/utils/store';
import { storeLocked } from './locked';

export const TSA_ALARM = 'protokol-timestamp-retry';
const inFlight = new Set<string>();

export async function timestampsEnabled(db: EvidenceDb): Promise<boolean> {
  const s = await getSettings(db);
  return s.tsa_enabled && s.tsa_urls.length > 0;
}

/** Ask for a capture-time token for one item; records the outcome either way. */
export async function timestampItem(db: EvidenceDb, itemId: string): Promise<boolean> {
  if (inFlight.has(itemId)) return false;
  inFlight.add(itemId);
  try {
    const s = await getSettings(db);
    if (!s.tsa_enabled || s.tsa_urls.length === 0) return false;
    const digest = await line0Digest(db, itemId);
    const errors: string[] = [];
    for (const url of s.tsa_urls) {
      try {
        const { tsr, parsed } = await requestTimestamp(url, digest);
        await addCaptureTimestamp(db, itemId, tsr, {
          tsa: url,
          time: parsed.genTime ?? new Date().toISOString(),
        });
        return true;
      } catch (e) {
        errors.push(`${url}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    await markTimestampPending(db, itemId, errors.join('; '));
    return false;
  } finally {
    inFlight.delete(itemId);
  }
}

export async function retryPendingTimestamps(
  db: EvidenceDb,
): Promise<{ tried: number; granted: number }> {
  // Locked: a token is added to a saved item, so it waits for the unlock (settings are sealed too).
  if (await storeLocked(db)) return { tried: 0, granted: 0 };
  if (!(await timestampsEnabled(db))) return { tried: 0, granted: 0 };
  const ids = await pendingTimestampItems(db);
  let granted = 0;
  for (const id of ids) if (await timestampItem(db, id)) granted++;
  return { tried: ids.length, granted };
}

/** (Re-)create the retry alarm; also after a panic wipe, which clears all alarms. */
export function armTimestampAlarm(): void {
  void browser.alarms.create(TSA_ALARM, { periodInMinutes: 5 });
}

export function scheduleTimestampRetries(db: EvidenceDb): void {
  armTimestampAlarm();
  browser.alarms.onAlarm.addListener((a) => {
    if (a.name === TSA_ALARM) void retryPendingTimestamps(db);
  });
}
