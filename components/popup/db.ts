import { openEvidenceDb, type EvidenceDb } from '@/utils/store';

let db: EvidenceDb | undefined;
/** One store instance per popup page, opened on first use. */
export function popupDb(): EvidenceDb {
  return (db ??= openEvidenceDb());
}
