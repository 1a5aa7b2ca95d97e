/**
 * The bridge from the evidence store to the pack writer: items, their custody logs and their
 * artifacts' bytes (read chunk by chunk when the writer asks), and the `exported` event appended
 * through the same chained-append path as every other custody event.
 */
import type { PackInput, PackItemInput } from '../pack/types';
import type { Item } from '../schemas';
import type { EvidenceDb } from './db';
import { appendCustody, getCustodyLines, readArtifactChunks } from './items';

export interface PackSelection {
  /** Items to export; with `caseId` and no ids, every item of that case. */
  itemIds?: string[];
  caseId?: string | null;
  generator: { name: string; version: string; user_agent: string };
  /** URLs a batch capture could not capture, with the reason (listed in the pack's report). */
  notCaptured?: Array<{ url: string; reason: string }>;
}

export class EmptySelectionError extends Error {
  constructor() {
    super('Nothing to export: the selection holds no items.');
    this.name = 'EmptySelectionError';
  }
}

/** Items of a selection, oldest first (the order a reader of the report expects). */
export async function selectItems(
  db: EvidenceDb,
  sel: Pick<PackSelection, 'itemIds' | 'caseId'>,
): Promise<Item[]> {
  let items: Item[];
  if (sel.itemIds && sel.itemIds.length > 0) {
    const got = await db.items.bulkGet(sel.itemIds);
    const missing = sel.itemIds.filter((_, i) => !got[i]);
    if (missing.length) throw new Error(`No item with id ${missing.join(', ')}`);
    items = got as Item[];
  } else if (sel.caseId) {
    items = await db.items.where('case_id').equals(sel.caseId).toArray();
  } else {
    items = [];
  }
  if (items.length === 0) throw new EmptySelectionError();
  return items.sort((a, b) => a.captured_at.localeCompare(b.captured_at));
}

export async function buildPackInput(db: EvidenceDb, sel: PackSelection): Promise<PackInput> {
  const items = await selectItems(db, sel);
  const caseId =
    sel.caseId ??
    (items.every((i) => i.case_id && i.case_id === items[0]!.case_id) ? items[0]!.case_id : null);
  const c = caseId ? await db.cases.get(caseId) : undefined;
  const packItems: PackItemInput[] = [];
  for (const item of items) {
    packItems.push({
      fields: {
        id: item.id,
        kind: item.kind,
        url: item.url,
        ...(item.requested_url ? { requested_url: item.requested_url } : {}),
        title: item.title,
        captured_at: item.captured_at,
        source: item.source,
        environment: item.environment,
        artifacts: item.artifacts.map(({ role, path, sha256 }) => ({ role, path, sha256 })),
        custody_head: item.custody_head,
        detection: item.detection,
        tags: item.tags,
        notes: item.notes,
      },
      custody: await getCustodyLines(db, item.id),
      artifacts: item.artifacts.map((a) => ({
        path: a.path,
        sha256: a.sha256,
        size: a.size,
        media_type: a.media_type,
        open: () => readArtifactChunks(db, a.artifact_id),
      })),
    });
  }
  return {
    case: c ? { id: c.id, title: c.title, description: c.description } : null,
    generator: sel.generator,
    items: packItems,
    ...(sel.notCaptured?.length ? { notCaptured: sel.notCaptured } : {}),
    appendExported: async (itemId, data) => {
      await appendCustody(db, itemId, 'exported', { ...data });
      return getCustodyLines(db, itemId);
    },
  };
}

/**
 * After a failed export whose `exported` events were already appended (the manifest must carry
 * them, so they are written before the ZIP), say so in each item's log: the pack named in the
 * `exported` event does not exist.
 */
export async function recordExportFailure(
  db: EvidenceDb,
  itemIds: string[],
  packId: string | undefined,
  reason: string,
): Promise<void> {
  for (const id of itemIds) {
    await appendCustody(db, id, 'export_failed', {
      pack_id: packId ?? null,
      reason: reason.slice(0, 2000),
    });
  }
}
