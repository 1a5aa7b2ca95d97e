import { describe, expect, it } from 'vitest';
import {
  beginSeal,
  chunkAad,
  createVault,
  decryptBytes,
  decryptChunks,
  encryptBytes,
  fieldAad,
  openSealedBytes,
  openSealKey,
  preferredSealAlg,
  sealBytes,
  sealHeaderLength,
  TamperedError,
  unlockVault,
  VaultFormatError,
  type SealAlg,
} from './index';
import { FAST_ARGON } from './test-support';

const PASS = 'passphrase';
const text = new TextEncoder().encode('Post 4417: conscripts taken from the metro');

it('X25519 is available in this Node (and is what a new vault picks)', async () => {
  expect(await preferredSealAlg()).toBe('X25519');
  const { header } = await createVault(PASS, { argon: FAST_ARGON });
  expect(header.sealing.alg).toBe('X25519');
});

describe.each<SealAlg>(['X25519', 'P-256'])('sealed box (%s)', (alg) => {
  async function vault() {
    const { header } = await createVault(PASS, { argon: FAST_ARGON, sealAlg: alg });
    const pub = Uint8Array.from(Buffer.from(header.sealing.public_key, 'base64url'));
    return { header, pub };
  }

  it('seals with the public key alone and opens only after unlock', async () => {
    const { header, pub } = await vault();
    const aad = fieldAad('queued', 'cap-1', 'record');
    const sealed = await sealBytes(alg, pub, text, aad);
    expect(Buffer.from(sealed).includes(Buffer.from('conscripts'))).toBe(false);
    const keys = await unlockVault(header, PASS);
    expect(
      new TextDecoder().decode(await openSealedBytes(alg, keys.sealingPrivate, pub, sealed, aad)),
    ).toBe('Post 4417: conscripts taken from the metro');
  });

  it('another vault’s private key cannot open it', async () => {
    const a = await vault();
    const b = await vault();
    const aad = fieldAad('queued', 'cap-1', 'record');
    const sealed = await sealBytes(alg, a.pub, text, aad);
    const kb = await unlockVault(b.header, PASS);
    await expect(
      openSealedBytes(alg, kb.sealingPrivate, a.pub, sealed, aad),
    ).rejects.toBeInstanceOf(TamperedError);
  });

  it('tampered header, body or AAD fail with clear errors', async () => {
    const { header, pub } = await vault();
    const keys = await unlockVault(header, PASS);
    const aad = fieldAad('queued', 'cap-1', 'record');
    const sealed = await sealBytes(alg, pub, text, aad);
    const n = sealHeaderLength(alg);
    const badEph = sealed.slice();
    badEph[n - 1]! ^= 0x01; // one bit of the ephemeral public key
    await expect(
      openSealedBytes(alg, keys.sealingPrivate, pub, badEph, aad),
    ).rejects.toBeInstanceOf(TamperedError);
    const badBody = sealed.slice();
    badBody[sealed.length - 1]! ^= 0x80;
    await expect(
      openSealedBytes(alg, keys.sealingPrivate, pub, badBody, aad),
    ).rejects.toBeInstanceOf(TamperedError);
    await expect(
      openSealedBytes(alg, keys.sealingPrivate, pub, sealed, fieldAad('queued', 'cap-2', 'record')),
    ).rejects.toBeInstanceOf(TamperedError);
    const badVersion = sealed.slice();
    badVersion[0] = 9;
    await expect(
      openSealedBytes(alg, keys.sealingPrivate, pub, badVersion, aad),
    ).rejects.toBeInstanceOf(VaultFormatError);
  });

  it('a large capture is sealed and opened chunk by chunk under one header', async () => {
    const { header, pub } = await vault();
    const { header: seal, key } = await beginSeal(alg, pub);
    const parts = [new Uint8Array(1000).fill(1), new Uint8Array(10).fill(2)];
    const sealed = await Promise.all(
      parts.map((p, i) => encryptBytes(key, p, chunkAad('queued-art', i, i === parts.length - 1))),
    );
    const keys = await unlockVault(header, PASS);
    const k = await openSealKey(alg, keys.sealingPrivate, pub, seal);
    let total = 0;
    for await (const c of decryptChunks(k, 'queued-art', sealed)) total += c.length;
    expect(total).toBe(1010);
    // A chunk sealed under another box's key does not open under this one.
    const other = await beginSeal(alg, pub);
    const foreign = await encryptBytes(other.key, parts[0]!, chunkAad('queued-art', 0, false));
    await expect(decryptBytes(k, foreign, chunkAad('queued-art', 0, false))).rejects.toBeInstanceOf(
      TamperedError,
    );
  });
});

it('a box sealed for P-256 is refused by an X25519 vault as a format error', async () => {
  const p = await createVault(PASS, { argon: FAST_ARGON, sealAlg: 'P-256' });
  const x = await createVault(PASS, { argon: FAST_ARGON, sealAlg: 'X25519' });
  const pPub = Buffer.from(p.header.sealing.public_key, 'base64url');
  const xPub = Buffer.from(x.header.sealing.public_key, 'base64url');
  const sealed = await sealBytes('P-256', pPub, text, fieldAad('q', 1, 'r'));
  await expect(
    openSealedBytes('X25519', x.keys.sealingPrivate, xPub, sealed, fieldAad('q', 1, 'r')),
  ).rejects.toBeInstanceOf(VaultFormatError);
});
