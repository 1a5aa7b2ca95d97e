/**
 * The profile's learned detection adjustments (utils/detect/feedback.ts), kept in the store's
 * settings table so they stay on the device and are wiped with the evidence.
 */
import { parseModel, resetModel, type LocalModel } from '../detect';
import type { EvidenceDb } from './db';

const KEY = 'detect_model';

/** The learned model; an empty one (detection as shipped) when none or malformed. */
export async function getDetectModel(db: EvidenceDb): Promise<LocalModel> {
  const row = await db.settings.get(KEY);
  return row ? parseModel(row.value) : resetModel();
}

export async function setDetectModel(db: EvidenceDb, model: LocalModel): Promise<void> {
  await db.settings.put({ key: KEY, value: model });
}
