/**
 * AES-256-GCM envelopes for record fields and artifact chunks.
 *
 * Binary form: `[version = 1][96-bit random IV][ciphertext ‖ 128-bit tag]` (29 bytes of
 * overhead). The additional authenticated data (AAD) is not stored: it names where the
 * ciphertext lives (table, record id and field; or artifact id, chunk index and whether it is the
 * last chunk), and the reader rebuilds it from where it found the bytes. A ciphertext copied to
 * another record, field or chunk position, or a stream cut short, therefore fails to decrypt.
 *
 * String form (for fields kept in JSON-ish records): `pk1.` + base64url of the binary form.
 */
import { ab, concat, fromBase64Url, fromUtf8, randomBytes, toBase64Url, utf8 } from './bytes';
import { TamperedError, VaultFormatError } from './errors';

export const ENVELOPE_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const ENVELOPE_OVERHEAD = 1 + IV_BYTES + TAG_BYTES;
const STRING_PREFIX = 'pk1.';

/**
 * Where a ciphertext lives, turned into AAD bytes. JSON of an array of strings and numbers is
 * unambiguous (no two locations give the same bytes), and the label separates uses.
 */
export type Aad = Uint8Array<ArrayBuffer> & { readonly __aad: true };

function aad(parts: (string | number | boolean)[]): Aad {
  return utf8(JSON.stringify(['protokol-vault/1', ...parts])) as Aad;
}

/** A sensitive field of a record: e.g. `fieldAad('items', 'a1b2…', 'url')`. */
export function fieldAad(table: string, recordId: string | number, field: string): Aad {
  return aad(['field', table, String(recordId), field]);
}

/**
 * Chunk `index` of an artifact's bytes. `last` marks the final chunk, so dropping chunks from
 * the end is noticed (the new last chunk was sealed as "not last").
 */
export function chunkAad(artifactId: string, index: number, last: boolean): Aad {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError('bad chunk index');
  return aad(['chunk', artifactId, index, last]);
}

/** Keys and other vault-internal ciphertexts. */
export function vaultAad(purpose: string, ...context: string[]): Aad {
  return aad(['vault', purpose, ...context]);
}

/** A fresh random 256-bit data key; extractable only when it must be wrapped right away. */
export async function generateDataKey(extractable: boolean): Promise<CryptoKey> {
  return globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, extractable, [
    'encrypt',
    'decrypt',
  ]);
}

export async function encryptBytes(
  key: CryptoKey,
  plaintext: Uint8Array,
  where: Aad,
): Promise<Uint8Array<ArrayBuffer>> {
  const iv = randomBytes(IV_BYTES);
  const ct = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: where, tagLength: 128 },
    key,
    ab(plaintext),
  );
  return concat(Uint8Array.of(ENVELOPE_VERSION), iv, new Uint8Array(ct));
}

export async function decryptBytes(
  key: CryptoKey,
  envelope: Uint8Array,
  where: Aad,
): Promise<Uint8Array<ArrayBuffer>> {
  if (envelope.length < ENVELOPE_OVERHEAD) throw new VaultFormatError('ciphertext too short');
  if (envelope[0] !== ENVELOPE_VERSION) {
    throw new VaultFormatError(`unknown ciphertext version ${envelope[0]}`);
  }
  try {
    const pt = await globalThis.crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: ab(envelope.subarray(1, 1 + IV_BYTES)),
        additionalData: where,
        tagLength: 128,
      },
      key,
      ab(envelope.subarray(1 + IV_BYTES)),
    );
    return new Uint8Array(pt);
  } catch (e) {
    throw new TamperedError('ciphertext failed authentication (changed, moved or wrong key)', {
      cause: e,
    });
  }
}

/** Whether a stored field value is an encrypted envelope (lets conversion skip done records). */
export function isEncryptedString(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith(STRING_PREFIX);
}

export async function encryptString(key: CryptoKey, value: string, where: Aad): Promise<string> {
  return STRING_PREFIX + toBase64Url(await encryptBytes(key, utf8(value), where));
}

export async function decryptString(key: CryptoKey, sealed: string, where: Aad): Promise<string> {
  if (!isEncryptedString(sealed)) throw new VaultFormatError('not an encrypted field');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(sealed.slice(STRING_PREFIX.length));
  } catch (e) {
    throw new VaultFormatError('encrypted field is not base64url', { cause: e });
  }
  return fromUtf8(await decryptBytes(key, bytes, where));
}

/** Any JSON value (tags, custody details) as one encrypted string. */
export async function encryptJson(key: CryptoKey, value: unknown, where: Aad): Promise<string> {
  return encryptString(key, JSON.stringify(value), where);
}

export async function decryptJson(key: CryptoKey, sealed: string, where: Aad): Promise<unknown> {
  return JSON.parse(await decryptString(key, sealed, where)) as unknown;
}

/**
 * Decrypt an artifact's chunks in order, checking each one's position and that the stream
 * ends where it was sealed to end. Yields plaintext chunks so a caller can hash or stream.
 */
export async function* decryptChunks(
  key: CryptoKey,
  artifactId: string,
  chunks: readonly Uint8Array[] | AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  // One chunk of look-ahead tells whether the current chunk is the last.
  let index = 0;
  let pending: Uint8Array | undefined;
  for await (const c of chunks) {
    if (pending) yield await decryptBytes(key, pending, chunkAad(artifactId, index++, false));
    pending = c;
  }
  if (!pending) throw new TamperedError('encrypted artifact has no chunks');
  yield await decryptBytes(key, pending, chunkAad(artifactId, index, true));
}
