/**
 * Record encryption as a Dexie DBCore middleware: every write to a sensitive table goes
 * through `seal` when the store is unlocked, every read through `open`, so the store's
 * many readers (library, export, integrity, re-check…) see plaintext records without knowing.
 *
 * A sealed record keeps in clear only ids, links, times and counts the store's bookkeeping
 * needs (listed per table in SPECS); everything else is one envelope in `_enc`, bound to the
 * table and the record's key. Indexed fields that would spell content hold blind tokens
 * (store-crypto.ts), and queries on them are translated to tokens here:
 *   - `url`, `content_digest`, `tags`: equality on the token of the value;
 *   - `words`: a prefix search `startsWith(t)` becomes equality on the token of t's first
 *     WORD_PREFIX characters (every prefix up to that length is indexed); query.ts then checks
 *     the full prefix on the decrypted words, as it always did.
 * Records without `_enc` are read as they are: a store being converted holds both.
 */
import type {
  DBCore,
  DBCoreCursor,
  DBCoreKeyRange,
  DBCoreMutateRequest,
  DBCoreQuery,
  DBCoreRangeType,
  DBCoreTable,
  Middleware,
} from 'dexie';
import { StoreLockedError, type StoreCrypto } from './store-crypto';

/** Indexed prefixes of a search word; longer query words are narrowed in memory. */
export const WORD_PREFIX = 8;

type TokenKind = 'one' | 'many' | 'prefixes';

interface TableSpec {
  /** Fields kept in clear (besides the blind-token index fields). */
  clear: readonly string[];
  /** Index fields replaced by blind tokens, and how. */
  tokens?: Readonly<Record<string, TokenKind>>;
  /** The record's key as a string, for the envelope's AAD. */
  key: (r: Record<string, unknown>) => string;
  /** Records that stay in clear whatever the lock state (the vault's own header and marker). */
  passthrough?: (r: Record<string, unknown>) => boolean;
}

const byId = (r: Record<string, unknown>) => String(r.id);

/** Which tables are encrypted and what each keeps in clear (docs/vault-design.md, section 3). */
export const SPECS: Readonly<Record<string, TableSpec>> = {
  items: {
    clear: ['id', 'kind', 'captured_at', 'case_id', 'custody_head', 'custody_length'],
    tokens: { url: 'one', content_digest: 'one', tags: 'many', words: 'prefixes' },
    key: byId,
  },
  cases: { clear: ['id', 'created_at'], key: byId },
  artifacts: { clear: ['id', 'item_id', 'size', 'chunk_count', 'created_at'], key: byId },
  custody: {
    clear: ['item_id', 'seq', 'hash'],
    key: (r) => `${String(r.item_id)}/${String(r.seq)}`,
  },
  jobs: { clear: ['id', 'status', 'started_at', 'finished_at', 'item_id'], key: byId },
  // Signing keys: the private key (PKCS#8, never a CryptoKey: keys.ts) and the pseudonym are
  // sealed; the key id (SHA-256 of the public key) is the record's key and stays clear.
  keys: {
    clear: ['key_id', 'active', 'created_at', 'retired_at', 'spki_der'],
    key: (r) => String(r.key_id),
  },
  // The key log: labels sealed; the auto-incremented seq is unknown when a line is added, so the
  // AAD names the line by its clear key id, time and action.
  keyLog: {
    clear: ['seq', 'at', 'action', 'key_id', 'previous_key_id'],
    key: (r) => `${String(r.key_id)}/${String(r.at)}/${String(r.action)}`,
  },
  settings: {
    clear: ['key'],
    key: (r) => String(r.key),
    passthrough: (r) => isVaultSettingKey(r.key),
  },
};

/**
 * Settings rows under `vault.` stay clear: the vault header (what the lock screen needs) and
 * the conversion marker (ids and counts only).
 */
export function isVaultSettingKey(key: unknown): boolean {
  return typeof key === 'string' && key.startsWith('vault.');
}

const ENC = '_enc';
// Dexie's DBCoreRangeType is a const enum, which isolated modules cannot import as a value.
const EQUAL = 1 as DBCoreRangeType;
const ANY = 3 as DBCoreRangeType;

/** Whether a stored record is sealed (a store being converted holds sealed and clear ones). */
export function isSealedRecord(v: unknown): boolean {
  return typeof v === 'object' && v !== null && ENC in v;
}

function wordPrefixes(words: unknown): string[] {
  const out = new Set<string>();
  if (!Array.isArray(words)) return [];
  for (const w of words) {
    if (typeof w !== 'string') continue;
    const chars = [...w];
    for (let n = 1; n <= Math.min(chars.length, WORD_PREFIX); n++)
      out.add(chars.slice(0, n).join(''));
  }
  return [...out];
}

function tokenField(c: StoreCrypto, index: string, kind: TokenKind, v: unknown): unknown {
  if (kind === 'one') return typeof v === 'string' ? c.token(index, v) : undefined;
  if (kind === 'many')
    return Array.isArray(v)
      ? v.filter((x) => typeof x === 'string').map((x) => c.token(index, x))
      : [];
  return wordPrefixes(v).map((p) => c.token(index, p));
}

/** A plaintext record → its stored, sealed form. */
export function sealRecord(
  c: StoreCrypto,
  table: string,
  spec: TableSpec,
  value: Record<string, unknown>,
): Record<string, unknown> {
  if (spec.passthrough?.(value)) return value;
  // JSON would turn a CryptoKey into {}: a private key must be wrapped before (keys.ts).
  if (Object.values(value).some((v) => typeof CryptoKey !== 'undefined' && v instanceof CryptoKey))
    throw new Error(`A ${table} record holding a CryptoKey cannot be stored encrypted`);
  const out: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (spec.clear.includes(k)) out[k] = v;
    else rest[k] = v;
  }
  for (const [field, kind] of Object.entries(spec.tokens ?? {})) {
    const t = tokenField(c, field, kind, value[field]);
    if (t !== undefined) out[field] = t;
  }
  out[ENC] = c.sealField(table, spec.key(value), ENC, rest);
  return out;
}

/** A stored record → plaintext; clear records pass through. */
export function openRecord(
  c: StoreCrypto | null,
  table: string,
  spec: TableSpec,
  stored: unknown,
): unknown {
  if (!isSealedRecord(stored)) return stored;
  if (!c) throw new StoreLockedError();
  const s = stored as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of spec.clear) if (k in s) out[k] = s[k];
  const rest = c.openField(table, spec.key(s), ENC, s[ENC]) as Record<string, unknown>;
  return { ...out, ...rest };
}

function translateRange(
  c: StoreCrypto,
  field: string,
  kind: TokenKind,
  range: DBCoreKeyRange,
): DBCoreKeyRange {
  const single = (v: string): DBCoreKeyRange => ({ type: EQUAL, lower: v, upper: v });
  if (typeof range.lower !== 'string') return range;
  if (range.type === EQUAL || (range.lower === range.upper && !range.lowerOpen && !range.upperOpen))
    return single(
      c.token(
        field,
        kind === 'prefixes' ? [...range.lower].slice(0, WORD_PREFIX).join('') : range.lower,
      ),
    );
  // Dexie's startsWith(t): between(t, t + U+FFFF), both ends included.
  if (kind === 'prefixes' && range.upper === range.lower + '\uffff')
    return single(c.token(field, [...range.lower].slice(0, WORD_PREFIX).join('')));
  // Other ranges over tokens would compare ciphertext order: refuse rather than mislead.
  throw new Error(`The encrypted store cannot run a range query on "${field}"`);
}

function wrapCursor(
  cursor: DBCoreCursor | null,
  open: (v: unknown) => unknown,
): DBCoreCursor | null {
  if (!cursor) return cursor;
  let raw: unknown = Symbol('none');
  let opened: unknown;
  // key and primaryKey are the native IDBCursor's getters: called on this wrapper they would
  // throw "Illegal invocation" in a browser, so they are read from the cursor itself.
  return Object.create(cursor, {
    key: { get: (): unknown => cursor.key },
    primaryKey: { get: (): unknown => cursor.primaryKey },
    value: {
      get() {
        const v: unknown = cursor.value;
        if (v !== raw) {
          opened = open(v);
          raw = v;
        }
        return opened;
      },
    },
    next: { value: () => cursor.next().then((c) => wrapCursor(c, open)) },
  }) as DBCoreCursor;
}

function encryptingTable(
  down: DBCoreTable,
  spec: TableSpec,
  crypto: () => StoreCrypto | null,
  locked: () => boolean,
): DBCoreTable {
  const table = down.name;
  const open = (v: unknown) => openRecord(crypto(), table, spec, v);
  const query = (q: DBCoreQuery): DBCoreQuery => {
    const c = crypto();
    const field = typeof q.index.keyPath === 'string' ? q.index.keyPath : undefined;
    const kind = field !== undefined ? spec.tokens?.[field] : undefined;
    if (!c || !kind || q.range.type === ANY) return q;
    return { ...q, range: translateRange(c, field!, kind, q.range) };
  };
  return {
    ...down,
    mutate(req: DBCoreMutateRequest) {
      const c = crypto();
      if (req.type !== 'add' && req.type !== 'put') return down.mutate(req);
      if (!c) {
        // An encrypted store without keys: refuse, rather than write evidence in clear.
        if (locked() && req.values.some((v: Record<string, unknown>) => !spec.passthrough?.(v)))
          return Promise.reject(new StoreLockedError());
        return down.mutate(req);
      }
      const values = req.values.map((v: Record<string, unknown>) => sealRecord(c, table, spec, v));
      return down.mutate({ ...req, values });
    },
    async get(req) {
      return open(await down.get(req));
    },
    async getMany(req) {
      return (await down.getMany(req)).map(open);
    },
    async query(req) {
      const res = await down.query({ ...req, query: query(req.query) });
      return req.values ? { ...res, result: res.result.map(open) } : res;
    },
    async openCursor(req) {
      return wrapCursor(await down.openCursor({ ...req, query: query(req.query) }), open);
    },
    count(req) {
      return down.count({ ...req, query: query(req.query) });
    },
  };
}

/**
 * The middleware; `crypto()` is the store's current keys (null: locked or never encrypted),
 * `locked()` whether the store is encrypted and locked (writes refused).
 */
export function encryptionMiddleware(
  crypto: () => StoreCrypto | null,
  locked: () => boolean = () => false,
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'protokol-encryption',
    create(down) {
      return {
        ...down,
        table(name) {
          const t = down.table(name);
          const spec = SPECS[name];
          return spec ? encryptingTable(t, spec, crypto, locked) : t;
        },
      };
    },
  };
}
