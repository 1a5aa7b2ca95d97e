/**
 * SHA-256 helpers for evidence bytes and custody lines. Pure module: no browser imports.
 * Hex is always lowercase, as `sha256sum` prints it and the pack format requires.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** 64 zeros: the `prev` of custody line 0. */
export const ZERO_HASH = '0'.repeat(64);

const encoder = new TextEncoder();

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/**
 * WebCrypto wants a buffer it can read without racing another thread, so a view over a
 * SharedArrayBuffer (or a buffer from another realm) is copied first.
 */
function toBufferSource(bytes: Uint8Array | ArrayBuffer): Uint8Array<ArrayBuffer> | ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  if (bytes.buffer instanceof ArrayBuffer) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

/**
 * SHA-256 (lowercase hex) of bytes with WebCrypto, which is native and fast for large
 * artifacts. `subtle` is a parameter so callers (and tests) can supply their own.
 */
export async function sha256Hex(
  bytes: Uint8Array | ArrayBuffer,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<string> {
  const digest = await subtle.digest('SHA-256', toBufferSource(bytes));
  return bytesToHex(new Uint8Array(digest));
}

/**
 * Synchronous SHA-256 (lowercase hex); strings are hashed as UTF-8. Used where an `await`
 * on a non-IndexedDB promise would end a Dexie transaction (custody lines, migrations).
 */
export function sha256HexSync(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8(data) : data));
}
