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
import { runExport, type ExportOutcome } from '@/components/export/run-export';
import { getDb } from './db';

export interface ProtokolAutomation {
  /** The id of the case with this title, made if there is none. */
  ensureCase(title: string): Promise<string>;
  exportPack(
    sel: Omit<PackSelection, 'generator'>,
    locale?: Locale,
  ): Promise<Omit<ExportOutcome, 'result'> & { pack_id: string }>;
  /** Re-hash the whole store (recorded on every item). */
  fixity(): Promise<FixityReport>;
}

export function installAutomation(): void {
  const api: ProtokolAutomation = {
    ensureCase: async (title) => {
      const db = getDb();
      const found = (await listCases(db)).find((c) => c.title === title);
      return (found ?? (await createCase(db, { title }))).id;
    },
    exportPack: async (sel, locale = 'en') => {
      const out = await runExport(getDb(), sel, { locale, deliver: 'download' });
      return { fileName: out.fileName, size: out.size, pack_id: out.result.pack_id };
    },
    fixity: () => checkStoreFixity(getDb()),
  };
  (globalThis as unknown as { protokolAutomation: ProtokolAutomation }).protokolAutomation = api;
}
