/**
 * Ed25519 signing keys for evidence packs, made with WebCrypto. The private key is created
 * non-extractable: it can sign inside this browser profile and can never be read out, not even
 * by Protokol. The key id is the SHA-256 of the public key's SPKI DER, as the pack format says.
 */
import { sha256Hex } from '../hash';

/**
 * A signing key as stored. In a clear store the private key is a non-extractable CryptoKey
 * (it survives IndexedDB's structured clone). In an encrypted store it is PKCS#8 (`pkcs8`,
 * base64url), sealed with the record under the data key (utils/store/keys.ts): Chromium writes
 * a stored CryptoKey's key material to disk in clear, so none is stored there.
 */
export interface SigningKeyRecord {
  key_id: string;
  created_at: string;
  /** Set when a newer key replaced this one; retired keys are kept so the record stays whole. */
  retired_at?: string;
  /** 1 for the key in use, 0 otherwise (IndexedDB cannot index booleans). */
  active: 0 | 1;
  spki_der: Uint8Array;
  /** Clear store: the non-extractable private key. */
  private_key?: CryptoKey;
  /** Encrypted store: the private key as PKCS#8, base64url (sealed with the record). */
  pkcs8?: string;
  label?: string;
}

/**
 * A new key. `wrapped`: for an encrypted store, the private key is generated extractable only
 * to be exported once as PKCS#8 (the record then holds no CryptoKey); otherwise it is
 * non-extractable and kept as a CryptoKey.
 */
export async function createSigningKey(
  subtle: SubtleCrypto = globalThis.crypto.subtle,
  opts: { wrapped?: boolean } = {},
): Promise<SigningKeyRecord> {
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, opts.wrapped === true, [
    'sign',
    'verify',
  ]));
  const spki = new Uint8Array(await subtle.exportKey('spki', pair.publicKey));
  const base = {
    key_id: await sha256Hex(spki),
    created_at: new Date().toISOString(),
    active: 1 as const,
    spki_der: spki,
  };
  if (!opts.wrapped) return { ...base, private_key: pair.privateKey };
  return { ...base, pkcs8: await exportPkcs8(pair.privateKey, subtle) };
}

/** PKCS#8 of an extractable private key, base64url (throws for a non-extractable one). */
export async function exportPkcs8(
  key: CryptoKey,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<string> {
  const der = new Uint8Array(await subtle.exportKey('pkcs8', key));
  let bin = '';
  for (const b of der) bin += String.fromCharCode(b);
  der.fill(0);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The private key of a record, ready to sign: imported non-extractable from PKCS#8 if need be. */
export async function signingPrivateKey(
  rec: Pick<SigningKeyRecord, 'private_key' | 'pkcs8' | 'key_id'>,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<CryptoKey> {
  if (rec.private_key) return rec.private_key;
  if (!rec.pkcs8) throw new Error(`The signing key ${rec.key_id} has no private key`);
  const bin = atob(rec.pkcs8.replace(/-/g, '+').replace(/_/g, '/'));
  const der = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) der[i] = bin.charCodeAt(i);
  try {
    return await subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
  } finally {
    der.fill(0);
  }
}

export async function signWith(
  key: CryptoKey,
  bytes: Uint8Array,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<Uint8Array> {
  return new Uint8Array(
    await subtle.sign({ name: 'Ed25519' }, key, bytes as Uint8Array<ArrayBuffer>),
  );
}

/** The public key as PEM (SubjectPublicKeyInfo), the form an organisation publishes. */
export function spkiToPem(der: Uint8Array): string {
  let bin = '';
  for (const b of der) bin += String.fromCharCode(b);
  const b64 = btoa(bin)
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN PUBLIC KEY-----\n${b64}\n-----END PUBLIC KEY-----\n`;
}
