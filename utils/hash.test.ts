import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexSync, utf8, ZERO_HASH } from './hash';

const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('hash', () => {
  it('has 64 zeros as the zero hash', () => {
    expect(ZERO_HASH).toMatch(/^0{64}$/);
  });
  it('hashes the FIPS 180-2 vectors with WebCrypto', async () => {
    expect(await sha256Hex(utf8('abc'))).toBe(ABC);
    expect(await sha256Hex(new Uint8Array())).toBe(EMPTY);
    expect(await sha256Hex(utf8('abc').buffer as ArrayBuffer)).toBe(ABC);
  });
  it('hashes only the bytes of a view, not its whole buffer', async () => {
    const big = utf8('xxabcxx');
    expect(await sha256Hex(big.subarray(2, 5))).toBe(ABC);
    const shared = new Uint8Array(new SharedArrayBuffer(3));
    shared.set(utf8('abc'));
    expect(await sha256Hex(shared)).toBe(ABC);
  });
  it('uses the SubtleCrypto it is given', async () => {
    const calls: string[] = [];
    const fake = {
      digest: async (alg: string, data: BufferSource) => {
        calls.push(alg);
        return globalThis.crypto.subtle.digest(alg, data);
      },
    } as unknown as SubtleCrypto;
    expect(await sha256Hex(utf8('abc'), fake)).toBe(ABC);
    expect(calls).toEqual(['SHA-256']);
  });
  it('hashes synchronously, strings as UTF-8', () => {
    expect(sha256HexSync('abc')).toBe(ABC);
    expect(sha256HexSync(utf8('abc'))).toBe(ABC);
    const ru = 'Задержан в/ч 21005 — ёлка';
    expect(sha256HexSync(ru)).toBe(createHash('sha256').update(ru, 'utf8').digest('hex'));
  });
});
