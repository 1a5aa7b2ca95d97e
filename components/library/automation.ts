/**
 * The automation surface of the library page, used by `protokol capture` (which drives this
 * page through the browser's DevTools protocol). It offers nothing a person on this page cannot
 * do with the buttons: find or make a case, export a signed pack. Web pages cannot reach it:
 * extension pages are not web-accessible, so only the extension itself or a local automation
 * client that already controls the browser can call it.
 */
import type { Locale } from '@/utils/i18n';
import {
  checkStoreFixity,
  createCase,
  listCases,
  type FixityReport,
  type PackSelection,
} from '@/utils/store';
import { browser } from 'wxt/browser';
import { runExport, type ExportOutcome } from '@/components/export/run-export';
import type { EvidenceDb } from '@/utils/store';
import {
  decodeSessionSecret,
  prepareVaultConnection,
  SESSION_SECRET_KEY,
} from '@/utils/store/vault-session';
import { getDb } from './db';

/**
 * The page's store, brought into the vault's state first: an encrypted store that the
 * background has unlocked (`protokol … --passphrase-file`) is read and written sealed with the
 * session key; locked, it refuses; a clear store stays clear.
 */
async function ready(): Promise<EvidenceDb> {
  const db = getDb();
  if (!db.isOpen()) await db.open();
  if (!db.storeCrypto) {
    const got = await browser.storage.session.get(SESSION_SECRET_KEY);
    await prepareVaultConnection(db, decodeSessionSecret(got[SESSION_SECRET_KEY]));
  }
  return db;
}

export interface ProtokolAutomation {
  /** The id of the case with this title, made if there is none. */
  ensureCase(title: string): Promise<string>;
  exportPack(
    sel: Omit<PackSelection, 'generator'>,
    locale?: Locale,
  ): Promise<Omit<ExportOutcome, 'result'> & { pack_id: string }>;
  /**
   * The ids of every item in the store, oldest first, or of the case with this title (its id
   * too); throws when there is no such case.
   */
  itemIds(caseTitle?: string): Promise<{ caseId: string | null; ids: string[] }>;
  /** Re-hash the whole store (recorded on every item). */
  fixity(): Promise<FixityReport>;
}

export function installAutomation(): void {
  const api: ProtokolAutomation = {
    ensureCase: async (title) => {
      const db = await ready();
      const found = (await listCases(db)).find((c) => c.title === title);
      return (found ?? (await createCase(db, { title }))).id;
    },
    exportPack: async (sel, locale = 'en') => {
      const out = await runExport(await ready(), sel, { locale, deliver: 'download' });
      return { fileName: out.fileName, size: out.size, pack_id: out.result.pack_id };
    },
    itemIds: async (caseTitle) => {
      const db = await ready();
      if (caseTitle === undefined)
        return {
          caseId: null,
          ids: await db.items.orderBy('captured_at').primaryKeys(),
        };
      const found = (await listCases(db)).find((c) => c.title === caseTitle);
      if (!found) throw new Error(`no case titled "${caseTitle}"`);
      const items = await db.items.where('case_id').equals(found.id).sortBy('captured_at');
      return { caseId: found.id, ids: items.map((i) => i.id) };
    },
    fixity: async () => checkStoreFixity(await ready()),
  };
  (globalThis as unknown as { protokolAutomation: ProtokolAutomation }).protokolAutomation = api;
}
