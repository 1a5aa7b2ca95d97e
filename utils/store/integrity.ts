/**
 * Integrity check of one stored item: re-hash every artifact from its chunks, verify the
 * custody chain and head, and record the outcome as a custody event.
 */
import { createSHA256 } from 'hash-wasm';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ArtifactRole, Item } from '../schemas';
import { utcNow, verifyCustodyLines, type ChainCheck } from '../custody';
import type { EvidenceDb } from './db';
import { appendCustody, getCustodyLines } from './custody-store';
import { readArtifactChunks } from './artifacts';

/** Outcome of `checkIntegrity` for one item. */
export interface IntegrityReport {
  item_id: string;
  ok: boolean;
  checked_at: string;
  artifacts: Array<{
    artifact_id: string;
    role: ArtifactRole;
    path: string;
    expected: string;
    actual: string | null;
    ok: boolean;
    error?: string;
  }>;
  chain: ChainCheck;
}

interface Hasher {
  update(data: Uint8Array): unknown;
  digest(): string;
}

/**
 * hash-wasm is fast but needs WebAssembly, which a page's CSP may forbid (MV3 extension
 * pages need 'wasm-unsafe-eval'); noble's pure-JS SHA-256 is the slower fallback.
 */
async function createHasher(): Promise<Hasher> {
  try {
    const h = await createSHA256();
    h.init();
    return { update: (d) => h.update(d), digest: () => h.digest('hex') };
  } catch {
    const h = sha256.create();
    return { update: (d) => h.update(d), digest: () => bytesToHex(h.digest()) };
  }
}

/** SHA-256 of an artifact's stored bytes, read (and decrypted) chunk by chunk. */
export async function hashArtifact(db: EvidenceDb, artifactId: string): Promise<string> {
  const hasher = await createHasher();
  for await (const chunk of readArtifactChunks(db, artifactId)) hasher.update(chunk);
  return hasher.digest();
}

/** Every sha256 listed in some event's `data.artifacts`, as the pack spec requires. */
function hashesInLog(lines: string[]): Set<string> {
  const found = new Set<string>();
  for (const line of lines) {
    try {
      const ev = JSON.parse(line) as { data?: { artifacts?: unknown } };
      const list = ev.data?.artifacts;
      if (!Array.isArray(list)) continue;
      for (const a of list as unknown[]) {
        const h = (a as { sha256?: unknown } | null)?.sha256;
        if (typeof h === 'string') found.add(h);
      }
    } catch {
      // A line that does not parse is reported by the chain check.
    }
  }
  return found;
}

function checkHead(item: Item, chain: ChainCheck): ChainCheck {
  if (!chain.ok) return chain;
  if (chain.length !== item.custody_length) {
    return {
      ok: false,
      seq: Math.min(chain.length, item.custody_length),
      reason: `The item records ${item.custody_length} custody events but the log has ${chain.length}.`,
    };
  }
  if (chain.head !== item.custody_head) {
    return {
      ok: false,
      seq: chain.length - 1,
      reason:
        "The last custody line does not hash to the item's custody_head: it was changed after it was written.",
    };
  }
  return chain;
}

async function checkArtifacts(
  db: EvidenceDb,
  item: Item,
  logged: Set<string>,
): Promise<IntegrityReport['artifacts']> {
  const results: IntegrityReport['artifacts'] = [];
  for (const ref of item.artifacts) {
    const base = {
      artifact_id: ref.artifact_id,
      role: ref.role,
      path: ref.path,
      expected: ref.sha256,
    };
    let actual: string | null = null;
    let error: string | undefined;
    try {
      actual = await hashArtifact(db, ref.artifact_id);
      if (actual !== ref.sha256)
        error = 'The stored bytes do not match the hash recorded at capture.';
      else if (!logged.has(ref.sha256))
        error = 'The hash of this artifact is not recorded in the custody log.';
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    results.push(
      error === undefined ? { ...base, actual, ok: true } : { ...base, actual, ok: false, error },
    );
  }
  return results;
}

/**
 * Re-hashes an item's stored bytes chunk by chunk, verifies its custody chain and head,
 * then appends `integrity_checked` {ok, artifacts: [{path, sha256, ok}]} (sha256 is the
 * hash found now, omitted when the bytes could not be read).
 */
export async function checkIntegrity(db: EvidenceDb, itemId: string): Promise<IntegrityReport> {
  const item = await db.items.get(itemId);
  if (!item) throw new Error(`No item with id ${itemId}`);
  const lines = await getCustodyLines(db, itemId);
  const chain = checkHead(item, verifyCustodyLines(lines));
  const artifacts = await checkArtifacts(db, item, hashesInLog(lines));
  const ok = chain.ok && artifacts.every((a) => a.ok);
  const checkedAt = utcNow();
  await appendCustody(
    db,
    itemId,
    'integrity_checked',
    {
      ok,
      artifacts: artifacts.map((a) =>
        a.actual === null
          ? { path: a.path, ok: a.ok }
          : { path: a.path, sha256: a.actual, ok: a.ok },
      ),
    },
    checkedAt,
  );
  return { item_id: itemId, ok, checked_at: checkedAt, artifacts, chain };
}
