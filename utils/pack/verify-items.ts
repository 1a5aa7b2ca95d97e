/**
 * Spec step 5: each item's artifacts are in `files` with the same hash, and its custody log
 * is in `files`, chains, ends at `custody_head`, starts with `captured` and mentions every
 * artifact hash.
 */
import { checkCustodyLog } from './custody-check';
import type { ParsedManifest } from './manifest';
import { custodyPath } from './names';
import type { CheckList } from './verify-context';

/** Paths of the custody logs the items name (read during the files pass). */
export function custodyPaths(m: ParsedManifest): Set<string> {
  return new Set(m.items.map((it) => custodyPath(it.id)));
}

/** Runs step 5 over the custody logs' bytes collected while hashing. */
export function checkItems(
  checks: CheckList,
  m: ParsedManifest,
  logs: Map<string, Uint8Array>,
): void {
  const files = new Map(m.files.map((f) => [f.path, f.sha256]));
  const seen = new Set<string>();
  for (const it of m.items) {
    if (seen.has(it.id))
      checks.fail('item', 'two items have this id', { item: it.id, entry: 'manifest.json' });
    seen.add(it.id);
    for (const a of it.artifacts) {
      const listed = files.get(a.path);
      if (listed === undefined)
        checks.fail('item', `the item's ${a.role} artifact is not in manifest files`, {
          entry: a.path,
          item: it.id,
        });
      else if (listed !== a.sha256)
        checks.fail(
          'item',
          `the item says the ${a.role} artifact's SHA-256 is ${a.sha256}, manifest files says ${listed}`,
          { entry: a.path, item: it.id },
        );
    }
    const log = custodyPath(it.id);
    const bytes = logs.get(log);
    if (!files.has(log))
      checks.fail('custody', "the item's custody log is not in manifest files", {
        entry: log,
        item: it.id,
      });
    else if (!bytes)
      checks.fail('custody', "the item's custody log could not be read (see the files check)", {
        entry: log,
        item: it.id,
      });
    else {
      for (const p of checkCustodyLog(bytes, it.custody_head, it.artifacts)) {
        checks.fail('custody', p.path ? `${p.path}: ${p.message}` : p.message, {
          entry: log,
          item: it.id,
        });
      }
    }
  }
  checks.pass(
    'item',
    `${m.items.length} items: every artifact is in manifest files with the same hash`,
  );
  checks.pass(
    'custody',
    `${m.items.length} custody logs: each chain holds from "captured" to the item's custody_head and mentions every artifact`,
  );
}
