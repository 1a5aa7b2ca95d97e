/**
 * Store fixity check: re-hash every stored artifact of every item and verify every custody
 * chain, recording an `integrity_checked` event on each item (the Berkeley Protocol asks for
 * regular re-hashing that shows the store is intact). Items are checked one at a time, so
 * memory stays bounded by one chunk however large the store is.
 */
import type { EvidenceDb } from './db';
import { checkIntegrity, type IntegrityReport } from './integrity';

export interface FixityReport {
  started_at: string;
  finished_at: string;
  items: number;
  ok: number;
  bytes: number;
  failed: Array<{ item_id: string; title: string; url: string; problems: string[] }>;
}

function problemsOf(r: IntegrityReport): string[] {
  const out = r.artifacts
    .filter((a) => !a.ok)
    .map(
      (a) => `${a.path}: ${a.error ?? `expected ${a.expected}, found ${a.actual ?? 'nothing'}`}`,
    );
  if (!r.chain.ok) out.push(`custody chain, line ${r.chain.seq}: ${r.chain.reason}`);
  return out;
}

export async function checkStoreFixity(
  db: EvidenceDb,
  onProgress?: (done: number, total: number) => void,
): Promise<FixityReport> {
  const started_at = new Date().toISOString();
  const ids = await db.items.orderBy('captured_at').primaryKeys();
  const report: FixityReport = {
    started_at,
    finished_at: started_at,
    items: ids.length,
    ok: 0,
    bytes: 0,
    failed: [],
  };
  for (const [i, id] of ids.entries()) {
    const item = await db.items.get(id);
    if (!item) continue; // deleted meanwhile
    const r = await checkIntegrity(db, id);
    report.bytes += item.artifacts.reduce((s, a) => s + a.size, 0);
    if (r.ok) report.ok++;
    else
      report.failed.push({
        item_id: id,
        title: item.title,
        url: item.url,
        problems: problemsOf(r),
      });
    onProgress?.(i + 1, ids.length);
  }
  report.finished_at = new Date().toISOString();
  return report;
}
