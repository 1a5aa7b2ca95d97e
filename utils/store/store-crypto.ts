/**
 * The unlocked store's keys and the two ways it encrypts (docs/vault-design.md, section 7).
 *
 * - Record fields are encrypted SYNCHRONOUSLY (AES-256-GCM from @noble/ciphers), because they
 *   are written and read inside IndexedDB transactions: awaiting WebCrypto there lets the
 *   transaction commit under the caller's feet. The envelope is byte-for-byte the vault's
 *   (`pk1.` + base64url([1][IV][ciphertext ‖ tag]), AAD from `fieldAad`), so either
 *   implementation opens what the other sealed (tested).
 * - Artifact chunks (up to 4 MiB each) are encrypted with WebCrypto, which is ten times faster;
 *   every chunk path encrypts or decrypts outside any transaction.
 * - Indexes that would spell out content (URL, tags, search words, content digest) hold keyed
 *   blind tokens instead: HMAC-SHA-256 under a key derived from the data key (HKDF), so equal
 *   values still meet in the index while the value itself is not on disk.
 *
 * Hashes of artifacts and custody lines are always computed over the plaintext, before any of
 * this: a pack exported from an encrypted store is the same as one from a clear store.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  chunkAad,
  decryptBytes,
  encryptBytes,
  fieldAad,
  isEncryptedString,
  TamperedError,
  toBase64Url,
  fromBase64Url,
  VaultFormatError,
  resumeSession,
  type VaultHeader,
  type VaultKeys,
} from '../vault';

const IV_BYTES = 12;
/** Blind tokens kept in memory (a few MB at most). */
const TOKEN_CACHE = 50_000;
const PREFIX = 'pk1.';
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

/** Reading or writing an encrypted record while the store is locked. */
export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
  constructor() {
    super('The evidence store is locked: unlock it with the passphrase first.');
  }
}

export class StoreCrypto {
  readonly #raw: Uint8Array;
  readonly #chunkKey: CryptoKey;
  /** HMAC-SHA-256 keyed with the index key, its key schedule done once; cloned per token. */
  readonly #indexMac: ReturnType<typeof hmac.create>;
  /**
   * Tokens already computed (a capture's words share most short prefixes with earlier ones).
   * Holds index values only while this object exists, i.e. while the store is unlocked, when the
   * key that reveals them is in memory anyway. Bounded: emptied when full.
   */
  readonly #tokens = new Map<string, string>();

  private constructor(raw: Uint8Array, chunkKey: CryptoKey) {
    this.#raw = raw;
    this.#chunkKey = chunkKey;
    const indexKey = hkdf(sha256, raw, undefined, enc.encode('protokol-vault/1 blind-index'), 32);
    this.#indexMac = hmac.create(sha256, indexKey);
    indexKey.fill(0);
  }

  /**
   * From the raw 32-byte data key (the vault's session secret: `checkPassphrase(…,
   * { exportSession: true })`). The bytes are copied; the caller may clear its copy.
   */
  static async fromRawKey(raw: Uint8Array): Promise<StoreCrypto> {
    if (raw.length !== 32) throw new VaultFormatError('the data key must be 32 bytes');
    const copy = raw.slice();
    const key = await globalThis.crypto.subtle.importKey('raw', copy, 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
    return new StoreCrypto(copy, key);
  }

  /**
   * The vault's keys (the sealing private key, to open captures sealed while locked), from the
   * header and this data key. TamperedError if the header's key pair was swapped.
   */
  async vaultKeys(header: VaultHeader): Promise<VaultKeys> {
    return resumeSession(header, this.#raw);
  }

  /** A field value (any JSON) sealed to `table`/`id`/`field`. Synchronous. */
  sealField(table: string, id: string | number, field: string, value: unknown): string {
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const ct = gcm(this.#raw, iv, fieldAad(table, id, field)).encrypt(
      enc.encode(JSON.stringify(value)),
    );
    const out = new Uint8Array(1 + IV_BYTES + ct.length);
    out[0] = 1;
    out.set(iv, 1);
    out.set(ct, 1 + IV_BYTES);
    return PREFIX + toBase64Url(out);
  }

  /** Opens what sealField sealed at the same place; TamperedError if it was moved or changed. */
  openField(table: string, id: string | number, field: string, sealed: unknown): unknown {
    if (!isEncryptedString(sealed)) throw new VaultFormatError('not an encrypted field');
    const bytes = fromBase64Url(sealed.slice(PREFIX.length));
    if (bytes.length < 1 + IV_BYTES + 16 || bytes[0] !== 1)
      throw new VaultFormatError('malformed encrypted field');
    let pt: Uint8Array;
    try {
      pt = gcm(this.#raw, bytes.subarray(1, 1 + IV_BYTES), fieldAad(table, id, field)).decrypt(
        bytes.subarray(1 + IV_BYTES),
      );
    } catch (e) {
      throw new TamperedError(`encrypted ${table} record ${id} failed authentication`, {
        cause: e,
      });
    }
    return JSON.parse(dec.decode(pt)) as unknown;
  }

  /**
   * A blind index token for `value` in index `index`: equal inputs give equal tokens, and the
   * token says nothing about the value without the key. Prefixed so it never looks like text.
   */
  token(index: string, value: string): string {
    const input = `${index}\u0000${value}`;
    const known = this.#tokens.get(input);
    if (known !== undefined) return known;
    const mac = this.#indexMac.clone().update(enc.encode(input)).digest();
    const t = 'bt.' + toBase64Url(mac.subarray(0, 16));
    if (this.#tokens.size >= TOKEN_CACHE) this.#tokens.clear();
    this.#tokens.set(input, t);
    return t;
  }

  async sealChunk(
    artifactId: string,
    index: number,
    last: boolean,
    data: Uint8Array,
  ): Promise<Uint8Array<ArrayBuffer>> {
    return encryptBytes(this.#chunkKey, data, chunkAad(artifactId, index, last));
  }

  async openChunk(
    artifactId: string,
    index: number,
    last: boolean,
    data: Uint8Array,
  ): Promise<Uint8Array<ArrayBuffer>> {
    return decryptBytes(this.#chunkKey, data, chunkAad(artifactId, index, last));
  }
}
