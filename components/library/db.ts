/**
 * The library page's single database handle. One Dexie instance per page keeps live queries
 * coherent (Dexie observes changes per instance) and avoids opening IndexedDB twice.
 */
import { openEvidenceDb, type EvidenceDb } from '@/utils/store';

let instance: EvidenceDb | undefined;

/** The page's database, opened on first use (never at import time, so builds can import this). */
export function getDb(): EvidenceDb {
  instance ??= openEvidenceDb();
  return instance;
}
