/**
 * Small byte helpers for the vault: base64url for the JSON header and string-safe field
 * envelopes, concatenation, and a constant-time comparison for the duress verifier.
 */

/** WebCrypto's typings want ArrayBuffer-backed views; every view made here is one. */
export function ab(u: Uint8Array): Uint8Array<ArrayBuffer> {
  return u as Uint8Array<ArrayBuffer>;
}

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function utf8(s: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(s);
}

/** Decode UTF-8, refusing malformed bytes rather than inventing U+FFFD characters. */
export function fromUtf8(b: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(b);
}

type NativeBase64 = {
  toBase64?: (o: { alphabet: 'base64url'; omitPadding: boolean }) => string;
};
type NativeFromBase64 = {
  fromBase64?: (s: string, o: { alphabet: 'base64url'; lastChunkHandling: 'loose' }) => Uint8Array;
};

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_CODES = Uint8Array.from(B64URL, (c) => c.charCodeAt(0));
const latin1 = new TextDecoder('latin1');

/**
 * base64url without padding, from a lookup table into ASCII bytes. Where the browser has it
 * (Chromium 140+, Firefox 133+), `Uint8Array.prototype.toBase64` does the same natively; both
 * are far faster than btoa plus regular expressions on large sealed fields, which the store
 * seals and opens synchronously inside IndexedDB transactions.
 */
export function toBase64UrlPortable(b: Uint8Array): string {
  const n = b.length;
  const out = new Uint8Array(Math.ceil((n * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const x = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out[o++] = B64URL_CODES[x >>> 18]!;
    out[o++] = B64URL_CODES[(x >>> 12) & 63]!;
    out[o++] = B64URL_CODES[(x >>> 6) & 63]!;
    out[o++] = B64URL_CODES[x & 63]!;
  }
  if (i < n) {
    const x = (b[i]! << 16) | ((i + 1 < n ? b[i + 1]! : 0) << 8);
    out[o++] = B64URL_CODES[x >>> 18]!;
    out[o++] = B64URL_CODES[(x >>> 12) & 63]!;
    if (i + 1 < n) out[o++] = B64URL_CODES[(x >>> 6) & 63]!;
  }
  return latin1.decode(out.subarray(0, o));
}

export function toBase64Url(b: Uint8Array): string {
  const native = (b as NativeBase64).toBase64;
  if (native) return native.call(b, { alphabet: 'base64url', omitPadding: true });
  return toBase64UrlPortable(b);
}

/** Throws on anything that is not base64url (atob itself accepts too much whitespace). */
export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) throw new Error('not base64url');
  const native = (Uint8Array as NativeFromBase64).fromBase64;
  if (native) {
    return native.call(Uint8Array, s, {
      alphabet: 'base64url',
      lastChunkHandling: 'loose',
    }) as Uint8Array<ArrayBuffer>;
  }
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/**
 * Equal lengths and equal bytes, in time that depends only on the length: every byte is
 * looked at whatever the first difference, so the duress check does not leak a prefix.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
