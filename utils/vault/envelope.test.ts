import { describe, expect, it } from 'vitest';
import {
  chunkAad,
  decryptBytes,
  decryptChunks,
  decryptJson,
  decryptString,
  encryptBytes,
  encryptJson,
  encryptString,
  ENVELOPE_OVERHEAD,
  fieldAad,
  generateDataKey,
  isEncryptedString,
  TamperedError,
  VaultFormatError,
} from './index';

const key = await generateDataKey(false);
const other = await generateDataKey(false);

async function sealChunks(artifact: string, parts: Uint8Array[]) {
  return Promise.all(
    parts.map((p, i) => encryptBytes(key, p, chunkAad(artifact, i, i === parts.length - 1))),
  );
}
async function collect(gen: AsyncIterable<Uint8Array>) {
  const out: number[] = [];
  for await (const c of gen) out.push(...c);
  return out;
}

describe('envelopes', () => {
  it('round-trips bytes, strings and JSON, with a fresh IV each time', async () => {
    const aad = fieldAad('items', 'a', 'url');
    const e1 = await encryptBytes(key, new Uint8Array([9, 8, 7]), aad);
    const e2 = await encryptBytes(key, new Uint8Array([9, 8, 7]), aad);
    expect(e1.length).toBe(3 + ENVELOPE_OVERHEAD);
    expect(e1[0]).toBe(1);
    expect(Buffer.from(e1.subarray(1, 13)).equals(Buffer.from(e2.subarray(1, 13)))).toBe(false);
    expect([...(await decryptBytes(key, e1, aad))]).toEqual([9, 8, 7]);
    const s = await encryptString(key, 'https://t.me/s/channel/123', aad);
    expect(isEncryptedString(s)).toBe(true);
    expect(s).not.toContain('t.me');
    expect(await decryptString(key, s, aad)).toBe('https://t.me/s/channel/123');
    const tags = fieldAad('items', 'a', 'tags');
    expect(
      await decryptJson(key, await encryptJson(key, ['в/ч 21005', 'ТЦК'], tags), tags),
    ).toEqual(['в/ч 21005', 'ТЦК']);
    const empty = await encryptBytes(key, new Uint8Array(0), aad);
    expect((await decryptBytes(key, empty, aad)).length).toBe(0);
  });

  it('a field moved to another record or another field fails (TamperedError)', async () => {
    const title = await encryptString(key, 'secret title', fieldAad('items', 'a', 'title'));
    await expect(decryptString(key, title, fieldAad('items', 'b', 'title'))).rejects.toBeInstanceOf(
      TamperedError,
    );
    await expect(decryptString(key, title, fieldAad('items', 'a', 'notes'))).rejects.toBeInstanceOf(
      TamperedError,
    );
    await expect(decryptString(key, title, fieldAad('cases', 'a', 'title'))).rejects.toBeInstanceOf(
      TamperedError,
    );
  });

  it('AAD encoding is unambiguous (no field name/id confusion by concatenation)', async () => {
    const e = await encryptString(key, 'v', fieldAad('items', 'a', 'bc'));
    await expect(decryptString(key, e, fieldAad('items', 'ab', 'c'))).rejects.toBeInstanceOf(
      TamperedError,
    );
  });

  it('every flipped bit, a wrong key or a cut tag fails: never wrong plaintext', async () => {
    const aad = fieldAad('notes', 1, 'text');
    const e = await encryptBytes(key, new TextEncoder().encode('заметка'), aad);
    for (let i = 1; i < e.length; i++) {
      const bad = e.slice();
      bad[i]! ^= 0x01;
      await expect(decryptBytes(key, bad, aad)).rejects.toBeInstanceOf(TamperedError);
    }
    await expect(decryptBytes(other, e, aad)).rejects.toBeInstanceOf(TamperedError);
    await expect(decryptBytes(key, e.subarray(0, e.length - 1), aad)).rejects.toBeInstanceOf(
      TamperedError,
    );
  });

  it('unknown versions, short input and non-envelope strings are format errors', async () => {
    const aad = fieldAad('t', 1, 'f');
    const e = await encryptBytes(key, new Uint8Array([1]), aad);
    const v2 = e.slice();
    v2[0] = 2;
    await expect(decryptBytes(key, v2, aad)).rejects.toBeInstanceOf(VaultFormatError);
    await expect(decryptBytes(key, new Uint8Array(10), aad)).rejects.toBeInstanceOf(
      VaultFormatError,
    );
    await expect(decryptString(key, 'plain text', aad)).rejects.toBeInstanceOf(VaultFormatError);
    await expect(decryptString(key, 'pk1.***', aad)).rejects.toBeInstanceOf(VaultFormatError);
  });
});

describe('chunked artifacts', () => {
  const parts = [new Uint8Array([1, 1]), new Uint8Array([2, 2]), new Uint8Array([3])];

  it('decrypts in order to the original bytes', async () => {
    const sealed = await sealChunks('art-1', parts);
    expect(await collect(decryptChunks(key, 'art-1', sealed))).toEqual([1, 1, 2, 2, 3]);
  });

  it('swapped chunks fail', async () => {
    const sealed = await sealChunks('art-1', [...parts, new Uint8Array([4])]);
    const swapped = [sealed[1]!, sealed[0]!, sealed[2]!, sealed[3]!];
    await expect(collect(decryptChunks(key, 'art-1', swapped))).rejects.toBeInstanceOf(
      TamperedError,
    );
  });

  it('a chunk from another artifact fails', async () => {
    const a = await sealChunks('art-1', parts);
    const b = await sealChunks('art-2', parts);
    await expect(
      collect(decryptChunks(key, 'art-1', [a[0]!, b[1]!, a[2]!])),
    ).rejects.toBeInstanceOf(TamperedError);
  });

  it('a stream cut short or extended fails', async () => {
    const sealed = await sealChunks('art-1', parts);
    await expect(collect(decryptChunks(key, 'art-1', sealed.slice(0, 2)))).rejects.toBeInstanceOf(
      TamperedError,
    );
    await expect(
      collect(decryptChunks(key, 'art-1', [...sealed, sealed[2]!])),
    ).rejects.toBeInstanceOf(TamperedError);
    await expect(collect(decryptChunks(key, 'art-1', []))).rejects.toBeInstanceOf(TamperedError);
  });

  it('reads from an async source (streaming)', async () => {
    const sealed = await sealChunks('art-9', parts);
    async function* source() {
      for (const s of sealed) yield s;
    }
    expect(await collect(decryptChunks(key, 'art-9', source()))).toEqual([1, 1, 2, 2, 3]);
  });
});

it('errors carry their own names (they survive minification and worker boundaries)', async () => {
  const aad = fieldAad('t', 1, 'f');
  const e = await encryptBytes(key, new Uint8Array([1]), aad);
  const err = await decryptBytes(other, e, aad).catch((x: unknown) => x);
  expect((err as Error).name).toBe('TamperedError');
  const fmt = await decryptBytes(key, new Uint8Array(3), aad).catch((x: unknown) => x);
  expect((fmt as Error).name).toBe('VaultFormatError');
});
