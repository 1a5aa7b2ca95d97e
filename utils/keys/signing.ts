/**
 * Ed25519 signing keys for evidence packs, made with WebCrypto. The private key is created
 * non-extractable: it can sign inside this browser profile and can never be read out, not even
 * by Protokol. The key id is the SHA-256 of the public key's SPKI DER, as the pack format says.
 */
import { sha256Hex } from '../hash';

/** A signing key as stored (CryptoKey objects survive IndexedDB's structured clone). */
export interface SigningKeyRecord {
  key_id: string;
  created_at: string;
  /** Set when a newer key replaced this one; retired keys are kept so the record stays whole. */
  retired_at?: string;
  /** 1 for the key in use, 0 otherwise (IndexedDB cannot index booleans). */
  active: 0 | 1;
  spki_der: Uint8Array;
  private_key: CryptoKey;
  label?: string;
}

export async function createSigningKey(
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<SigningKeyRecord> {
  const pair = await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  const spki = new Uint8Array(await subtle.exportKey('spki', pair.publicKey));
  return {
    key_id: await sha256Hex(spki),
    created_at: new Date().toISOString(),
    active: 1,
    spki_der: spki,
    private_key: pair.privateKey,
  };
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
