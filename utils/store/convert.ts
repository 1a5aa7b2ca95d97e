/**
 * Turning encryption on for a store that already holds evidence: every record and chunk is
 * converted in place, one at a time, so that a browser killed at any moment loses nothing and
 * the next run carries on (docs/vault-design.md, section 6).
 *
 * - A record is converted in its own transaction: read (plaintext), write it back sealed,
 *   read it again and compare with what was read, and advance the marker. A failure aborts that
 *   transaction, leaving the record as it was. Re-sealing a record already sealed is harmless
 *   (same plaintext, new IV), so a resumed run may redo the last one without harm.
 * - A chunk is read, encrypted (outside any transaction: WebCrypto is asynchronous), decrypted
 *   again and compared with the plaintext, and only then written over the clear chunk, in a
 *   transaction that first checks the chunk is still the clear one it read. When all of an
 *   artifact's chunks are done, the artifact is re-hashed from its decrypted chunks and must
 *   match the SHA-256 recorded at capture; a mismatch stops the conversion with a clear error
 *   and changes nothing further.
 * - The marker (`vault.conversion` in settings, kept in clear: ids and counts only) says which
 *   table is being converted and the last key done.
 *
 * Requires the store to be unlocked (`db.storeCrypto`): new writes are sealed from then on,
 * so records written while the conversion runs need no second pass.
 */
import type { IndexableType } from 'dexie';
import { z } from 'zod';
import type { EvidenceDb } from './db';
import { protectSigningKeys } from './keys';
import { isVaultSettingKey } from './encryption-middleware';
import { hashArtifact } from './integrity';
import { StoreLockedError } from './store-crypto';

export const CONVERSION_KEY = 'vault.conversion';

/** Record tables, in the order they are converted; chunks come last. */
export const RECORD_TABLES = [
  'settings',
  'cases',
  'jobs',
  'items',
  'custody',
  'artifacts',
] as const;
type Phase = (typeof RECORD_TABLES)[number] | 'chunks' | 'done';

const Marker = z.object({
  phase: z.enum([...RECORD_TABLES, 'chunks', 'done']),
  /** The last primary key converted in `phase` (JSON of the key); absent: none yet. */
  after: z.string().optional(),
  /** Records and chunks converted so far, for the progress shown to the user. */
  converted: z.number().int().nonnegative(),
  started_at: z.string(),
  finished_at: z.string().optional(),
});
export type ConversionMarker = z.infer<typeof Marker>;

export class ConversionError extends Error {
  override name = 'ConversionError';
}

export interface ConvertOptions {
  /** How many keys are listed at a time (each is still converted in its own transaction). */
  batch?: number;
  onProgress?: (m: ConversionMarker) => void;
  /**
   * Test hook, called inside each record's transaction after its sealed copy is written and
   * again (with `committed: true`) after the transaction committed. Throwing interrupts.
   */
  onStep?: (step: { phase: Phase; committed: boolean; n: number }) => void;
}

export async function readConversionMarker(db: EvidenceDb): Promise<ConversionMarker | undefined> {
  const row = await db.settings.get(CONVERSION_KEY);
  if (!row) return undefined;
  const r = Marker.safeParse(row.value);
  if (!r.success) throw new ConversionError('The encryption conversion marker is damaged.');
  return r.data;
}

/** Whether a conversion was started and has not finished (resume it after unlock). */
export async function conversionPending(db: EvidenceDb): Promise<boolean> {
  const m = await readConversionMarker(db);
  return m !== undefined && m.phase !== 'done';
}

/** Key order independent JSON, to compare a record with its decrypted copy. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function nextPhase(p: Phase): Phase {
  if (p === 'chunks' || p === 'done') return 'done';
  const i = RECORD_TABLES.indexOf(p);
  return i + 1 < RECORD_TABLES.length ? RECORD_TABLES[i + 1]! : 'chunks';
}

async function writeMarker(db: EvidenceDb, m: ConversionMarker): Promise<void> {
  await db.settings.put({ key: CONVERSION_KEY, value: m });
}

/** The next keys of `table` after `after`, in primary-key order. */
async function keysAfter(
  db: EvidenceDb,
  table: string,
  after: string | undefined,
  limit: number,
): Promise<IndexableType[]> {
  const t = db.table(table);
  const coll =
    after === undefined
      ? t.toCollection()
      : t.where(':id').above(JSON.parse(after) as IndexableType);
  return coll.limit(limit).primaryKeys();
}

async function convertRecord(
  db: EvidenceDb,
  table: string,
  key: IndexableType,
  marker: ConversionMarker,
  opts: ConvertOptions,
): Promise<ConversionMarker> {
  const t = db.table(table);
  const next: ConversionMarker = { ...marker, after: JSON.stringify(key) };
  await db.transaction('rw', [t, db.settings], async () => {
    const value = (await t.get(key)) as Record<string, unknown> | undefined;
    if (value && !(table === 'settings' && isVaultSettingKey(value.key))) {
      await t.put(value);
      const back: unknown = await t.get(key);
      if (canonical(back) !== canonical(value))
        throw new ConversionError(`A ${table} record changed when encrypted; nothing was lost.`);
      next.converted++;
    }
    await writeMarker(db, next);
    opts.onStep?.({ phase: marker.phase, committed: false, n: next.converted });
  });
  opts.onStep?.({ phase: marker.phase, committed: true, n: next.converted });
  return next;
}

async function convertArtifactChunks(
  db: EvidenceDb,
  artifactId: string,
  marker: ConversionMarker,
  opts: ConvertOptions,
): Promise<ConversionMarker> {
  const c = db.storeCrypto;
  if (!c) throw new StoreLockedError();
  const rec = await db.artifacts.get(artifactId);
  let m = marker;
  if (!rec) return m;
  for (let index = 0; index < rec.chunk_count; index++) {
    const chunk = await db.chunks.get([artifactId, index]);
    if (!chunk) throw new ConversionError(`Chunk ${index} of ${rec.name} is missing.`);
    if (chunk.enc === 1) continue;
    const last = index === rec.chunk_count - 1;
    const sealed = await c.sealChunk(artifactId, index, last, chunk.data);
    const check = await c.openChunk(artifactId, index, last, sealed);
    if (!sameBytes(check, chunk.data))
      throw new ConversionError(`Chunk ${index} of ${rec.name} did not survive encryption.`);
    const next = { ...m, converted: m.converted + 1 };
    await db.transaction('rw', [db.chunks, db.settings], async () => {
      const now = await db.chunks.get([artifactId, index]);
      // Another context converted it meanwhile: keep theirs.
      if (now && now.enc !== 1) {
        await db.chunks.put({ artifact_id: artifactId, index, data: sealed, enc: 1 });
        await writeMarker(db, next);
      }
      opts.onStep?.({ phase: 'chunks', committed: false, n: next.converted });
    });
    opts.onStep?.({ phase: 'chunks', committed: true, n: next.converted });
    m = next;
  }
  const sha = await hashArtifact(db, artifactId);
  if (sha !== rec.sha256)
    throw new ConversionError(
      `The file ${rec.name} does not match the hash recorded at capture; the conversion stopped and changed nothing further.`,
    );
  m = { ...m, after: JSON.stringify(artifactId) };
  await writeMarker(db, m);
  return m;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Converts (or carries on converting) the whole store to encrypted form. Returns the final
 * marker (`phase: 'done'`). Safe to call again at any time; a finished store returns at once.
 */
export async function convertStore(
  db: EvidenceDb,
  opts: ConvertOptions = {},
): Promise<ConversionMarker> {
  if (!db.storeCrypto) throw new StoreLockedError();
  const batch = opts.batch ?? 50;
  let m: ConversionMarker = (await readConversionMarker(db)) ?? {
    phase: RECORD_TABLES[0],
    converted: 0,
    started_at: new Date().toISOString(),
  };
  if (m.phase === 'done') return m;
  await writeMarker(db, m);
  while (m.phase !== 'done') {
    if (!db.storeCrypto) throw new StoreLockedError();
    const table = m.phase === 'chunks' ? 'artifacts' : m.phase;
    const keys = await keysAfter(db, table, m.after, batch);
    if (keys.length === 0) {
      const { after: _after, ...rest } = m;
      const phase = nextPhase(m.phase);
      m = {
        ...rest,
        phase,
        ...(phase === 'done' ? { finished_at: new Date().toISOString() } : {}),
      };
      await writeMarker(db, m);
      opts.onProgress?.(m);
      continue;
    }
    for (const key of keys) {
      // Locked or wiped meanwhile (the keys forgotten): stop; it resumes after the next unlock.
      // Carrying on would write the marker into the fresh store a panic wipe leaves.
      if (!db.storeCrypto) throw new StoreLockedError();
      m =
        m.phase === 'chunks'
          ? await convertArtifactChunks(db, key as string, m, opts)
          : await convertRecord(db, table, key, m, opts);
    }
    opts.onProgress?.(m);
  }
  // Signing keys are not converted as records: a stored CryptoKey must become sealed PKCS#8,
  // or be replaced when it cannot be exported (keys.ts).
  await protectSigningKeys(db);
  return m;
}
