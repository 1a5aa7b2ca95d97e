import { openEvidenceDb, type EvidenceDb } from '@/utils/store';

let db: EvidenceDb | undefined;
/** One store instance per extension page (settings, export), opened on first use. */
export function pageDb(): EvidenceDb {
  return (db ??= openEvidenceDb());
}
