/**
 * The evidence database (IndexedDB through Dexie). It must be opened only in the extension's
 * origin (background, offscreen document, extension pages), never in a content script.
 * Every schema change is a new version with an upgrade function and a test on saved v1 data.
 */
import { Dexie, type DexieOptions, type Table } from 'dexie';
import type {
  Case,
  CaptureJob,
  ChunkRecord,
  CustodyRecord,
  ArtifactRecord,
  Item,
} from '../schemas';
import { upgradeV1ToV2 } from './v001-to-v002';
import type { SigningKeyRecord } from '../keys/signing';
import type { KeyLogRecord } from './keys';
import type { StagingMark } from './staging';
import type { SealedChunk, SealedEntry } from './sealed-queue';
import { encryptionMiddleware } from './encryption-middleware';
import type { StoreCrypto } from './store-crypto';

/** Artifact bytes are stored in pieces of this size (4 MiB) so reads can stream. */
export const CHUNK_SIZE = 4 * 1024 * 1024;

/** Version 1: the first layout, without search words or content digests. */
export const STORES_V1 = {
  cases: 'id, created_at',
  items: 'id, captured_at, url, kind, case_id, *tags',
  artifacts: 'id, item_id',
  chunks: '[artifact_id+index]',
  custody: '[item_id+seq], item_id',
  jobs: 'id, status, started_at',
} as const;

/** Version 2: items gain the multi-entry `words` index and `content_digest`. */
export const STORES_V2 = {
  ...STORES_V1,
  items: 'id, captured_at, url, kind, case_id, *tags, *words, content_digest',
} as const;

/** Version 3: signing keys (with their append-only log) and settings. No data changes. */
export const STORES_V3 = {
  ...STORES_V2,
  keys: 'key_id, active, created_at',
  keyLog: '++seq, key_id',
  settings: 'key',
} as const;

/**
 * Version 4: staging marks. A large file is streamed into `chunks` before its item exists; the
 * mark says "these chunks belong to no artifact yet", so chunks a stopped worker left behind are
 * found and deleted at the next start. No data changes.
 */
export const STORES_V4 = {
  ...STORES_V3,
  staging: 'artifact_id',
} as const;

/**
 * Version 5: the sealed queue. A capture made while the store is encrypted and locked is
 * sealed to the vault's public key (sealed-queue.ts) and waits here until unlock; only an id,
 * the time it was sealed and sizes are in clear. No data changes.
 */
export const STORES_V5 = {
  ...STORES_V4,
  sealed: 'id, created_at',
  sealedChunks: '[sealed_id+artifact+index], sealed_id',
} as const;

/** Typed tables of the evidence store. */
export class EvidenceDb extends Dexie {
  cases!: Table<Case, string>;
  items!: Table<Item, string>;
  artifacts!: Table<ArtifactRecord, string>;
  chunks!: Table<ChunkRecord, [string, number]>;
  custody!: Table<CustodyRecord, [string, number]>;
  jobs!: Table<CaptureJob, string>;
  keys!: Table<SigningKeyRecord, string>;
  keyLog!: Table<KeyLogRecord, number>;
  settings!: Table<{ key: string; value: unknown }, string>;
  staging!: Table<StagingMark, string>;
  sealed!: Table<SealedEntry, string>;
  sealedChunks!: Table<SealedChunk, [string, number, number]>;

  /**
   * The unlocked store's keys, or null (never encrypted, or locked). While set, every record
   * written to a sensitive table and every chunk is encrypted (encryption-middleware.ts,
   * chunk paths in save.ts, staging.ts, artifacts.ts); sealed records are readable only while
   * it is set.
   */
  storeCrypto: StoreCrypto | null = null;

  /**
   * True when the store is encrypted and this connection holds no keys (vault-store.ts sets
   * it): every write to a sensitive table is then refused rather than stored in clear.
   */
  vaultLocked = false;

  /** `options` lets Node tools pass their own IndexedDB implementation. */
  constructor(name = 'protokol', options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(STORES_V1);
    this.version(2).stores(STORES_V2).upgrade(upgradeV1ToV2);
    this.version(3).stores(STORES_V3);
    this.version(4).stores(STORES_V4);
    this.version(5).stores(STORES_V5);
    this.use(
      encryptionMiddleware(
        () => this.storeCrypto,
        () => this.vaultLocked,
      ),
    );
  }
}

/** Opens (lazily, on first use) the evidence database; default name `protokol`. */
export function openEvidenceDb(name = 'protokol'): EvidenceDb {
  return new EvidenceDb(name);
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * True when an error is, or wraps, a storage quota error. Dexie reports a quota hit as an
 * AbortError with the original in `inner`, bulk operations as a BulkError with `failures`.
 */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (typeof e !== 'object' || e === null || depth > 5) return false;
  const err = e as {
    name?: unknown;
    code?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  if (typeof err.name === 'string' && QUOTA_NAMES.has(err.name)) return true;
  // DOMException's legacy code for QUOTA_EXCEEDED_ERR, for engines that rename the error.
  if (err.name === 'DOMException' && err.code === 22) return true;
  if (isQuotaError(err.inner, depth + 1) || isQuotaError(err.cause, depth + 1)) return true;
  return Array.isArray(err.failures) && err.failures.some((f) => isQuotaError(f, depth + 1));
}
