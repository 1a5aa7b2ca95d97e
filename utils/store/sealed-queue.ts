/**
 * Captures made while the store is encrypted and locked (docs/vault-design.md, section 5):
 * sealed, not refused. A monitor must be able to save a post in seconds without typing the
 * passphrase, so the capture is built exactly as saveCapture would build it (same hashes over
 * the plaintext, same captured_at, same custody line 0) and sealed to the vault header's public
 * key (utils/vault/sealed-box.ts): anyone can seal, only the unlocked vault can open.
 *
 * Stored: a `sealed` row per capture (in clear: its id, the time it was sealed, the artifacts'
 * sizes; then the seal header and the capture's record as an envelope under the one-time key)
 * and its artifacts' bytes in `sealedChunks`, each chunk an envelope under the same key bound
 * to the capture, the artifact, its index and whether it is the last.
 *
 * After unlock `openSealedQueue` opens each entry, checks every file's SHA-256 against the one
 * recorded at capture, and stores it through saveCapture with its original captured_at and line
 * 0, plus a custody event `unsealed`; the queue entry is deleted in that same transaction, so an
 * interrupted run leaves every entry either queued or saved, never both, and simply runs again.
 * An entry that does not open or verify is kept aside (marked, never deleted) and reported.
 */
import { z } from 'zod';
import { sha256Hex } from '../hash';
import { utcNow } from '../custody';
import {
  beginSeal,
  chunkAad,
  decryptBytes,
  decryptChunks,
  encryptBytes,
  fieldAad,
  fromBase64Url,
  openSealKey,
  TamperedError,
  VaultFormatError,
} from '../vault';
import { CHUNK_SIZE, type EvidenceDb } from './db';
import { appendInTx } from './custody-store';
import { prepareCapture, saveCapture, type NewCapture } from './save';
import { StoreLockedError } from './store-crypto';
import { readVaultHeader } from './vault-store';

/** A queued capture as stored. Only `id`, `created_at` and `sizes` say anything, and little. */
export interface SealedEntry {
  /** The id the item will have once opened (random). */
  id: string;
  /** When it was sealed (the capture's own time is inside). */
  created_at: string;
  /** Plaintext bytes of each artifact (ciphertext sizes tell the same). */
  sizes: number[];
  /** The seal header: version, key type, ephemeral public key. */
  header: Uint8Array;
  /** The capture's record (JSON) in an envelope under the one-time key. */
  body: Uint8Array;
  /** Set when the entry could not be opened or did not verify: kept aside, never deleted. */
  problem?: { reason: SealedProblem; at: string };
}

export interface SealedChunk {
  sealed_id: string;
  /** Index of the artifact in the capture. */
  artifact: number;
  index: number;
  data: Uint8Array;
}

export type SealedProblem = 'tampered' | 'hash_mismatch' | 'format';

/** What a sealed capture's record holds (everything saveCapture needs but the bytes). */
const SealedBody = z.object({
  v: z.literal(1),
  sealed_at: z.string(),
  line0_hash: z.string().regex(/^[0-9a-f]{64}$/),
  capture: z.record(z.string(), z.unknown()),
  artifacts: z.array(
    z.object({
      role: z.string(),
      name: z.string(),
      media_type: z.string(),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      chunks: z.number().int().positive(),
    }),
  ),
});
type SealedBody = z.infer<typeof SealedBody>;

/** A sealed capture that did not verify after opening (kept aside, reported). */
export class SealedMismatchError extends Error {
  override name = 'SealedMismatchError';
}

const bodyAad = (id: string) => fieldAad('sealed', id, 'body');
const chunkOwner = (id: string, artifact: number) => `sealed/${id}/${artifact}`;

/** What a locked-time capture returns: where it will appear after unlock. */
export interface SealedReceipt {
  sealed: true;
  id: string;
  captured_at: string;
}

/**
 * Seals a capture into the queue. Needs no key: only the vault header's public key. Files must
 * be given as bytes (a file streamed into the store by the stager cannot be sealed: the caller
 * refuses those while locked). Throws when the store is not encrypted.
 */
export async function sealCapture(db: EvidenceDb, input: NewCapture): Promise<SealedReceipt> {
  const header = await readVaultHeader(db);
  if (!header) throw new Error('This store is not encrypted: save the capture instead.');
  if (input.artifacts.some((a) => a.staged))
    throw new Error('A file streamed into the store cannot be sealed while the store is locked.');
  const { job_id: _job, ...rest } = input;
  // The same preparation as saveCapture: these hashes and this line 0 are what the save after
  // unlock must reproduce.
  const prepared = await prepareCapture(rest);
  const id = prepared.id;
  const { header: sealHeader, key } = await beginSeal(
    header.sealing.alg,
    fromBase64Url(header.sealing.public_key),
  );
  const chunks: SealedChunk[] = [];
  const artifacts: SealedBody['artifacts'] = [];
  for (const [i, a] of input.artifacts.entries()) {
    const bytes = a.bytes!;
    const count = Math.max(1, Math.ceil(bytes.byteLength / CHUNK_SIZE));
    for (let j = 0; j < count; j++) {
      const part = bytes.subarray(j * CHUNK_SIZE, (j + 1) * CHUNK_SIZE);
      chunks.push({
        sealed_id: id,
        artifact: i,
        index: j,
        data: await encryptBytes(key, part, chunkAad(chunkOwner(id, i), j, j === count - 1)),
      });
    }
    artifacts.push({
      role: a.role,
      name: a.name,
      media_type: a.media_type,
      size: bytes.byteLength,
      sha256: prepared.hashes[i]!,
      chunks: count,
    });
  }
  const sealedAt = utcNow();
  const capture: Record<string, unknown> = {
    ...rest,
    id,
    captured_at: prepared.capturedAt,
    artifacts: undefined,
  };
  delete capture.artifacts;
  // The record travels as JSON: a value JSON would change (bytes, a Date, undefined in an array)
  // must not be sealed, or the item opened at unlock would differ from the one captured.
  assertJsonSafe(capture, 'capture');
  const body: SealedBody = {
    v: 1,
    sealed_at: sealedAt,
    line0_hash: prepared.line0.hash,
    capture,
    artifacts,
  };
  const bodyBytes = await encryptBytes(
    key,
    new TextEncoder().encode(JSON.stringify(body)),
    bodyAad(id),
  );
  await db.transaction('rw', db.sealed, db.sealedChunks, async () => {
    await db.sealed.add({
      id,
      created_at: sealedAt,
      sizes: artifacts.map((a) => a.size),
      header: sealHeader,
      body: bodyBytes,
    });
    await db.sealedChunks.bulkAdd(chunks);
  });
  return { sealed: true, id, captured_at: prepared.capturedAt };
}

/** How many captures wait in the queue (for the lock screen; kept-aside ones included). */
export async function countSealed(db: EvidenceDb): Promise<number> {
  return db.sealed.count();
}

/** Entries that could not be opened or did not verify (kept, never deleted by the queue). */
export async function sealedProblems(
  db: EvidenceDb,
): Promise<Array<{ id: string; created_at: string; reason: SealedProblem; at: string }>> {
  const all = await db.sealed.toArray();
  return all
    .filter((e) => e.problem)
    .map((e) => ({ id: e.id, created_at: e.created_at, ...e.problem! }));
}

export interface UnsealReport {
  /** Stored in the library (item id = queue id). */
  opened: string[];
  /** Did not open or verify: kept in the queue, marked. */
  keptAside: Array<{ id: string; reason: SealedProblem; detail: string }>;
  /** Failed for another reason (quota…): left queued, tried again at the next unlock. */
  failed: Array<{ id: string; detail: string }>;
}

/**
 * After unlock: opens every queued capture and saves it. Safe to run again at any time, and
 * from two contexts at once (a capture saved by one is skipped by the other).
 */
export async function openSealedQueue(
  db: EvidenceDb,
  opts: { now?: () => string } = {},
): Promise<UnsealReport> {
  const c = db.storeCrypto;
  if (!c) throw new StoreLockedError();
  const report: UnsealReport = { opened: [], keptAside: [], failed: [] };
  const ids = (await db.sealed.orderBy('created_at').toArray())
    .filter((e) => !e.problem)
    .map((e) => e.id);
  if (ids.length === 0) return report;
  const header = await readVaultHeader(db);
  if (!header) throw new Error('This store is not encrypted.');
  const keys = await c.vaultKeys(header);
  for (const id of ids) {
    try {
      const entry = await db.sealed.get(id);
      if (!entry || entry.problem) continue; // opened meanwhile by another context
      const { body, input } = await openEntry(db, entry, keys);
      const at = opts.now?.() ?? utcNow();
      const notes: string[] = [];
      if (typeof input.case_id === 'string' && !(await db.cases.get(input.case_id))) {
        notes.push('the case chosen at capture was deleted before the capture was unsealed');
        input.case_id = null;
      }
      try {
        await saveCapture(db, input, {
          inTransaction: {
            tables: [db.sealed, db.sealedChunks],
            async run(saved, prepared) {
              if (prepared.line0.hash !== body.line0_hash)
                throw new SealedMismatchError(
                  'custody line 0 differs from the one made at capture',
                );
              if (!(await db.sealed.get(id))) throw new AlreadyOpened();
              const done = await appendInTx(
                db,
                saved,
                {
                  action: 'unsealed',
                  data: {
                    sealed_at: body.sealed_at,
                    unsealed_at: at,
                    note: 'captured while the store was locked: sealed to the vault’s public key, opened after unlock; every file’s SHA-256 matched the one recorded at capture',
                    ...(notes.length > 0 ? { notes } : {}),
                  },
                },
                at,
              );
              await db.sealedChunks.where('sealed_id').equals(id).delete();
              await db.sealed.delete(id);
              return done.item;
            },
          },
        });
      } catch (e) {
        if (e instanceof AlreadyOpened || (isConstraint(e) && !(await db.sealed.get(id)))) continue;
        throw e;
      }
      report.opened.push(id);
    } catch (e) {
      const reason = problemOf(e);
      const detail = e instanceof Error ? e.message : String(e);
      if (reason) {
        await db.sealed.update(id, { problem: { reason, at: utcNow() } });
        report.keptAside.push({ id, reason, detail });
      } else report.failed.push({ id, detail });
    }
  }
  return report;
}

class AlreadyOpened extends Error {}

function assertJsonSafe(v: unknown, path: string): void {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`${path} is not a finite number: cannot seal it`);
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((x, i) => assertJsonSafe(x, `${path}[${i}]`));
    return;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v)) if (x !== undefined) assertJsonSafe(x, `${path}.${k}`);
    return;
  }
  throw new Error(`${path} cannot be sealed as JSON (${typeof v})`);
}

function isConstraint(e: unknown): boolean {
  const err = e as { name?: unknown; inner?: { name?: unknown } } | null;
  return err?.name === 'ConstraintError' || err?.inner?.name === 'ConstraintError';
}

function problemOf(e: unknown): SealedProblem | undefined {
  if (e instanceof TamperedError) return 'tampered';
  if (e instanceof SealedMismatchError) return 'hash_mismatch';
  if (e instanceof VaultFormatError || e instanceof z.ZodError || e instanceof SyntaxError)
    return 'format';
  return undefined;
}

/** Decrypts an entry and its files and checks every file against its capture hash. */
async function openEntry(
  db: EvidenceDb,
  entry: SealedEntry,
  keys: Awaited<ReturnType<NonNullable<EvidenceDb['storeCrypto']>['vaultKeys']>>,
): Promise<{ body: SealedBody; input: NewCapture }> {
  const key = await openSealKey(
    keys.sealAlg,
    keys.sealingPrivate,
    keys.sealingPublicRaw,
    entry.header,
  );
  const body = SealedBody.parse(
    JSON.parse(new TextDecoder().decode(await decryptBytes(key, entry.body, bodyAad(entry.id)))),
  );
  if (body.capture.id !== entry.id) throw new SealedMismatchError('the record names another id');
  const artifacts: NewCapture['artifacts'] = [];
  for (const [i, a] of body.artifacts.entries()) {
    const stored = await db.sealedChunks
      .where('[sealed_id+artifact+index]')
      .between([entry.id, i, 0], [entry.id, i, Infinity])
      .toArray();
    if (stored.length !== a.chunks || stored.some((s, j) => s.index !== j))
      throw new SealedMismatchError(`file ${i} has ${stored.length} chunks, expected ${a.chunks}`);
    const bytes = new Uint8Array(a.size);
    let offset = 0;
    for await (const part of decryptChunks(
      key,
      chunkOwner(entry.id, i),
      stored.map((s) => s.data),
    )) {
      if (offset + part.byteLength > a.size)
        throw new SealedMismatchError(`file ${i} is longer than recorded`);
      bytes.set(part, offset);
      offset += part.byteLength;
    }
    if (offset !== a.size) throw new SealedMismatchError(`file ${i} is shorter than recorded`);
    if ((await sha256Hex(bytes)) !== a.sha256)
      throw new SealedMismatchError(`file ${i}'s SHA-256 differs from the one recorded at capture`);
    artifacts.push({
      role: a.role as NewCapture['artifacts'][number]['role'],
      name: a.name,
      media_type: a.media_type,
      bytes,
    });
  }
  return { body, input: { ...(body.capture as unknown as NewCapture), artifacts } };
}
