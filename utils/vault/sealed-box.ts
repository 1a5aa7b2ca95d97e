/**
 * Sealed boxes: encryption to the vault's public key, for captures made while the store is
 * locked. The sender needs no secret: it makes an ephemeral key pair, agrees a shared secret
 * with the vault's public key (X25519, or ECDH P-256 where X25519 is missing), derives a
 * one-time AES-256-GCM key with HKDF-SHA-256, and forgets the ephemeral private key. Only the
 * vault's private key (itself encrypted under the data key) can derive that key again, so a
 * locked-time capture stays unreadable until the passphrase is typed.
 *
 * A sealed capture = one seal header (`[version 1][alg byte][ephemeral public key]`) plus any
 * number of ordinary envelopes (envelope.ts) under the one-time key, each with its own AAD; so a
 * large capture is sealed chunk by chunk and opened chunk by chunk, like a stored artifact.
 */
import { ab, concat, utf8 } from './bytes';
import { decryptBytes, encryptBytes, type Aad } from './envelope';
import { TamperedError, VaultFormatError } from './errors';

export type SealAlg = 'X25519' | 'P-256';
const SEAL_VERSION = 1;
const ALG_BYTE: Record<SealAlg, number> = { X25519: 1, 'P-256': 2 };
const PUB_BYTES: Record<SealAlg, number> = { X25519: 32, 'P-256': 65 };
const HKDF_INFO = utf8('protokol-vault/1 sealed-box aes-256-gcm');

function params(alg: SealAlg): EcKeyImportParams | Algorithm {
  return alg === 'X25519' ? { name: 'X25519' } : { name: 'ECDH', namedCurve: 'P-256' };
}

/** X25519 if this WebCrypto has it (Node 20, Chromium ≥ 133, Firefox ≥ 130), else P-256. */
export async function preferredSealAlg(): Promise<SealAlg> {
  try {
    await globalThis.crypto.subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
    return 'X25519';
  } catch {
    return 'P-256';
  }
}

/** A new vault key pair: the raw public key (kept clear) and the PKCS#8 private key (to encrypt). */
export async function generateSealingPair(
  alg: SealAlg,
): Promise<{ publicRaw: Uint8Array<ArrayBuffer>; privatePkcs8: Uint8Array<ArrayBuffer> }> {
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey(params(alg), true, ['deriveBits'])) as CryptoKeyPair;
  return {
    publicRaw: new Uint8Array(await subtle.exportKey('raw', pair.publicKey)),
    privatePkcs8: new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey)),
  };
}

/** The private key, non-extractable: after unlock it can only open boxes. */
export async function importSealingPrivate(alg: SealAlg, pkcs8: Uint8Array): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('pkcs8', ab(pkcs8), params(alg), false, ['deriveBits']);
}

async function importPublic(alg: SealAlg, raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== PUB_BYTES[alg]) throw new VaultFormatError('bad public key length');
  return globalThis.crypto.subtle.importKey('raw', ab(raw), params(alg), false, []);
}

async function oneTimeKey(
  alg: SealAlg,
  privateKey: CryptoKey,
  peer: CryptoKey,
  ephemeralRaw: Uint8Array,
  recipientRaw: Uint8Array,
): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const name = alg === 'X25519' ? 'X25519' : 'ECDH';
  const shared = await subtle.deriveBits({ name, public: peer }, privateKey, 256);
  const ikm = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  // Both public keys go into the salt, binding the key to this sender and this recipient.
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: concat(ephemeralRaw, recipientRaw), info: HKDF_INFO },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Start a sealed capture: the header to store beside it and the one-time key to encrypt with. */
export async function beginSeal(
  alg: SealAlg,
  recipientRaw: Uint8Array,
): Promise<{ header: Uint8Array<ArrayBuffer>; key: CryptoKey }> {
  const subtle = globalThis.crypto.subtle;
  const recipient = await importPublic(alg, recipientRaw);
  const eph = (await subtle.generateKey(params(alg), true, ['deriveBits'])) as CryptoKeyPair;
  const ephRaw = new Uint8Array(await subtle.exportKey('raw', eph.publicKey));
  const key = await oneTimeKey(alg, eph.privateKey, recipient, ephRaw, recipientRaw);
  return { header: concat(Uint8Array.of(SEAL_VERSION, ALG_BYTE[alg]), ephRaw), key };
}

/** Length of the seal header for `alg`. */
export function sealHeaderLength(alg: SealAlg): number {
  return 2 + PUB_BYTES[alg];
}

/** After unlock: the one-time key of a sealed capture, from its header. */
export async function openSealKey(
  alg: SealAlg,
  privateKey: CryptoKey,
  recipientRaw: Uint8Array,
  header: Uint8Array,
): Promise<CryptoKey> {
  if (header[0] !== SEAL_VERSION) throw new VaultFormatError('unknown sealed-box version');
  if (header[1] !== ALG_BYTE[alg]) throw new VaultFormatError('sealed for another key type');
  if (header.length !== sealHeaderLength(alg)) throw new VaultFormatError('bad seal header');
  const ephRaw = header.subarray(2);
  let eph: CryptoKey;
  try {
    eph = await importPublic(alg, ephRaw);
    return await oneTimeKey(alg, privateKey, eph, ephRaw, recipientRaw);
  } catch (e) {
    // An invalid point (e.g. a changed P-256 key, or an X25519 small-order point) lands here.
    throw new TamperedError('sealed-box header is not a valid key', { cause: e });
  }
}

/** One-shot: seal small bytes (e.g. a locked-time capture's record) as header ‖ envelope. */
export async function sealBytes(
  alg: SealAlg,
  recipientRaw: Uint8Array,
  plaintext: Uint8Array,
  where: Aad,
): Promise<Uint8Array<ArrayBuffer>> {
  const { header, key } = await beginSeal(alg, recipientRaw);
  return concat(header, await encryptBytes(key, plaintext, where));
}

export async function openSealedBytes(
  alg: SealAlg,
  privateKey: CryptoKey,
  recipientRaw: Uint8Array,
  sealed: Uint8Array,
  where: Aad,
): Promise<Uint8Array<ArrayBuffer>> {
  const n = sealHeaderLength(alg);
  if (sealed.length < n) throw new VaultFormatError('sealed box too short');
  const key = await openSealKey(alg, privateKey, recipientRaw, sealed.subarray(0, n));
  return decryptBytes(key, sealed.subarray(n), where);
}
