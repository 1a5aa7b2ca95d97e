/** Item and case edits: notes, case assignment, cases, lookup by id. */
import { Case, type Item } from '../schemas';
import { utcNow } from '../custody';
import type { EvidenceDb } from './db';
import { mutateWithCustody } from './custody-store';
import { itemWords } from './derive';

/** Sets an item's notes and records `noted` {notes}; no event when unchanged. Notes are searchable. */
export async function setNotes(db: EvidenceDb, itemId: string, notes: string): Promise<void> {
  await mutateWithCustody(db, itemId, (item) => {
    if (item.notes === notes) return undefined;
    return {
      action: 'noted',
      data: { notes },
      patch: { notes, words: itemWords({ ...item, notes }) },
    };
  });
}

/**
 * Moves an item into a case (or out of any, with null) and records `case_assigned`
 * {case_id, case_title}; no event when unchanged. Throws when the case does not exist.
 */
export async function assignCase(
  db: EvidenceDb,
  itemId: string,
  caseId: string | null,
): Promise<void> {
  await mutateWithCustody(db, itemId, async (item) => {
    if (item.case_id === caseId) return undefined;
    let title: string | null = null;
    if (caseId !== null) {
      const c = await db.cases.get(caseId);
      if (!c) throw new Error(`No case with id ${caseId}`);
      title = c.title;
    }
    return {
      action: 'case_assigned',
      data: { case_id: caseId, case_title: title },
      patch: { case_id: caseId },
    };
  });
}

/** Creates a case; the title is trimmed and must not be empty. */
export async function createCase(
  db: EvidenceDb,
  c: { title: string; description?: string },
): Promise<Case> {
  const record = Case.parse({
    id: crypto.randomUUID(),
    title: c.title.trim(),
    description: c.description ?? '',
    created_at: utcNow(),
  });
  await db.cases.add(record);
  return record;
}

/** All cases, newest first. */
export async function listCases(db: EvidenceDb): Promise<Case[]> {
  return db.cases.orderBy('created_at').reverse().toArray();
}

/** One item by id. */
export async function getItem(db: EvidenceDb, id: string): Promise<Item | undefined> {
  return db.items.get(id);
}
