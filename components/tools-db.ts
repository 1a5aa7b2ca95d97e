import type { EvidenceDb } from '@/utils/store';
import { openPageStore } from '@/components/vault/page-store';

let db: EvidenceDb | undefined;
/** One store instance per extension page (settings, export), opened on first use, bound to the vault's session. */
export function pageDb(): EvidenceDb {
  return (db ??= openPageStore());
}
