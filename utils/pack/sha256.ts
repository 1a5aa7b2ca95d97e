/**
 * Incremental SHA-256 for streaming multi-GB entries with bounded memory.
 * WebCrypto has no incremental digest, so the default is hash-wasm (fast) with @noble/hashes
 * as a fallback where WebAssembly is forbidden (an MV3 page without 'wasm-unsafe-eval').
 */
import { createSHA256 } from 'hash-wasm';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Sha256Factory, Sha256Hasher } from './types';

let wasmBroken = false;

/** The default hasher factory: hash-wasm, or noble when WebAssembly cannot be instantiated. */
export const defaultSha256: Sha256Factory = async () => {
  if (!wasmBroken) {
    try {
      const h = await createSHA256();
      h.init();
      return { update: (d) => void h.update(d), digestHex: () => h.digest('hex') };
    } catch {
      wasmBroken = true;
    }
  }
  return nobleSha256();
};

/** Pure-JS incremental SHA-256 (slower, works everywhere). */
export function nobleSha256(): Sha256Hasher {
  const h = sha256.create();
  return { update: (d) => void h.update(d), digestHex: () => bytesToHex(h.digest()) };
}

/** SHA-256 (hex) of bytes held in memory; for small things like manifest.json and PEM files. */
export function sha256HexOf(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** Bytes of lowercase or uppercase hex; throws on odd length or a non-hex digit. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * A copy (or the same view) backed by a plain ArrayBuffer, which WebCrypto and zip.js's type
 * declarations want; views over SharedArrayBuffer are copied.
 */
export function plainBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.buffer instanceof ArrayBuffer) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}
