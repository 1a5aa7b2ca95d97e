/**
 * Capturing while the store is encrypted and locked (docs/vault-design.md §5): a new capture
 * is sealed into the queue (utils/store/sealed-queue.ts), never refused for being locked and
 * never written in clear; what would change a saved item (full-page screenshot, timestamps,
 * re-check, notes, detection learning) is refused with `errStoreLocked` until unlock. Videos
 * and other downloaded media are refused with `errMediaLocked` (they stream into the store).
 */
import { getVaultStatus } from './vault';
import type { EvidenceDb } from '@/utils/store';

/** True when the store is encrypted and this worker holds no key. */
export async function storeLocked(db: EvidenceDb): Promise<boolean> {
  return (await getVaultStatus(db)) === 'locked';
}

/** What a sealed capture's item says about what was not done because the store was locked. */
export const LOCKED_CAPTURE_NOTE =
  'captured while the evidence store was locked: sealed to the store’s public key at capture and added to the library after unlock; no full-page screenshot, detection result or trusted timestamp was taken at capture (each needs the unlocked store)';
