/**
 * The detection switches (utils/detect/prefs.ts) in the store's settings table: the list of
 * sites the user turned detection off for names sites, so it is kept where the store encrypts
 * it (docs/vault-design.md §3), not in `chrome.storage.local`. Content scripts never open the
 * store: they ask the background (entrypoints/background/detection.ts).
 */
import { parseDetectPrefs, type DetectPrefs } from '../detect/prefs';
import type { EvidenceDb } from './db';

export const DETECT_PREFS_SETTING = 'detect_prefs';

export async function getDetectPrefs(db: EvidenceDb): Promise<DetectPrefs> {
  return parseDetectPrefs((await db.settings.get(DETECT_PREFS_SETTING))?.value);
}

export async function setDetectPrefs(db: EvidenceDb, prefs: DetectPrefs): Promise<DetectPrefs> {
  const clean = parseDetectPrefs(prefs);
  await db.settings.put({ key: DETECT_PREFS_SETTING, value: clean });
  return clean;
}

/**
 * One-time move of the switches kept in `storage.local` by earlier versions. Switches already in
 * the store win (they were set later); otherwise the old ones are stored. The caller removes the
 * old copy once this returned.
 */
export async function migrateDetectPrefs(
  db: EvidenceDb,
  legacy: unknown,
): Promise<'migrated' | 'kept'> {
  return db.transaction('rw', db.settings, async () => {
    if (await db.settings.get(DETECT_PREFS_SETTING)) return 'kept';
    await db.settings.put({ key: DETECT_PREFS_SETTING, value: parseDetectPrefs(legacy) });
    return 'migrated';
  });
}
