/**
 * The library page's single database handle. One Dexie instance per page keeps live queries
 * coherent (Dexie observes changes per instance) and avoids opening IndexedDB twice. It is
 * bound to the vault's session (components/vault/page-store.ts): locked, it reads and writes
 * nothing sealed.
 */
import type { EvidenceDb } from '@/utils/store';
import { openPageStore } from '@/components/vault/page-store';

let instance: EvidenceDb | undefined;

/** The page's database, opened on first use (never at import time, so builds can import this). */
export function getDb(): EvidenceDb {
  instance ??= openPageStore();
  return instance;
}
