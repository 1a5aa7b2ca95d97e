/**
 * The vault: a passphrase-derived KEK wraps one random AES-256-GCM data key; the data key
 * encrypts records, artifacts and the private half of the sealing key pair. The header below
 * is everything kept in clear, and it is all the lock screen needs.
 *
 * Changing the passphrase re-wraps the data key: nothing else is re-encrypted.
 * A duress passphrase is checked against its own Argon2id verifier; every header carries one
 * (random when none is set), so a header does not say whether a duress passphrase exists.
 */
import { z } from 'zod';
import { constantTimeEqual, fromBase64Url, randomBytes, toBase64Url } from './bytes';
import { decryptBytes, encryptBytes, generateDataKey, vaultAad, type Aad } from './envelope';
import { TamperedError, VaultError, VaultFormatError, WrongPassphraseError } from './errors';
import {
  argon2Available,
  deriveBits,
  deriveKek,
  KdfParams,
  newKdfParams,
  type KdfChoice,
} from './kdf';
import {
  generateSealingPair,
  importSealingPrivate,
  preferredSealAlg,
  type SealAlg,
} from './sealed-box';

const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

export const VaultHeader = z.object({
  format: z.literal('protokol-vault'),
  version: z.literal(1),
  created_at: z.string(),
  /** How the passphrase becomes the KEK. */
  kdf: KdfParams,
  /** The data key, AES-KW-wrapped (RFC 3394) by the KEK: 40 bytes. */
  wrapped_data_key: b64,
  /** Duress check: the same function and cost as `kdf`, its own salt, and the expected output. */
  duress: z.object({ kdf: KdfParams, verifier: b64 }),
  /** The sealing key pair for locked-time captures. */
  sealing: z.object({
    alg: z.enum(['X25519', 'P-256']),
    /** Raw public key, clear: a locked capture is sealed to it. */
    public_key: b64,
    /** PKCS#8 private key in an envelope under the data key, AAD bound to the public key. */
    private_key: b64,
  }),
});
export type VaultHeader = z.infer<typeof VaultHeader>;

/** What an unlocked vault holds in memory. Both keys are non-extractable. */
export interface VaultKeys {
  dataKey: CryptoKey;
  sealingPrivate: CryptoKey;
  sealAlg: SealAlg;
  sealingPublicRaw: Uint8Array<ArrayBuffer>;
}

export type PassphraseCheck =
  | { result: 'unlock'; keys: VaultKeys; sessionSecret?: Uint8Array<ArrayBuffer> }
  | { result: 'duress' }
  | { result: 'wrong' };

/** A passphrase the vault will not accept, with a reason for the user. */
export class PassphraseRejectedError extends VaultError {
  override name = 'PassphraseRejectedError';
  constructor(readonly reason: 'empty' | 'same-as-duress' | 'same-as-passphrase') {
    super(`passphrase rejected: ${reason}`);
  }
}

function privateKeyAad(alg: SealAlg, publicKey: string): Aad {
  return vaultAad('sealing-private-key', alg, publicKey);
}

export interface CreateOptions {
  /** Default: Argon2id, or PBKDF2 where WebAssembly cannot run here (recorded in the header). */
  kdf?: KdfChoice;
  /** Argon2id cost override (tests and benchmarks); defaults to ARGON2ID_DEFAULT. */
  argon?: { m_kib: number; t: number; p: number };
  sealAlg?: SealAlg;
  now?: () => Date;
}

async function wrapDataKey(passphrase: string, kdf: KdfParams, dataKey: CryptoKey) {
  const kek = await deriveKek(passphrase, kdf);
  const wrapped = await globalThis.crypto.subtle.wrapKey('raw', dataKey, kek, 'AES-KW');
  return toBase64Url(new Uint8Array(wrapped));
}

/** A verifier no passphrase is known to produce: used when no duress passphrase is set. */
function decoyDuress(kdf: KdfParams): VaultHeader['duress'] {
  return {
    kdf: { ...kdf, salt: toBase64Url(randomBytes(16)) },
    verifier: toBase64Url(randomBytes(32)),
  };
}

export async function createVault(
  passphrase: string,
  opts: CreateOptions = {},
): Promise<{ header: VaultHeader; keys: VaultKeys }> {
  if (!passphrase) throw new PassphraseRejectedError('empty');
  const alg = opts.kdf ?? ((await argon2Available()) ? 'argon2id' : 'pbkdf2-sha256');
  const kdf = newKdfParams(alg, opts.argon);
  const sealAlg = opts.sealAlg ?? (await preferredSealAlg());
  // Extractable only for the one wrapKey call below; unlock re-imports it non-extractable.
  const extractable = await generateDataKey(true);
  const pair = await generateSealingPair(sealAlg);
  const publicKey = toBase64Url(pair.publicRaw);
  const sealedPrivate = await encryptBytes(
    extractable,
    pair.privatePkcs8,
    privateKeyAad(sealAlg, publicKey),
  );
  pair.privatePkcs8.fill(0);
  const header: VaultHeader = {
    format: 'protokol-vault',
    version: 1,
    created_at: (opts.now?.() ?? new Date()).toISOString(),
    kdf,
    wrapped_data_key: await wrapDataKey(passphrase, kdf, extractable),
    duress: decoyDuress(kdf),
    sealing: { alg: sealAlg, public_key: publicKey, private_key: toBase64Url(sealedPrivate) },
  };
  return { header, keys: await checkedKeys(header, passphrase) };
}

/** Validate a stored header (it is read from disk and may be damaged or hostile). */
export function parseHeader(value: unknown): VaultHeader {
  const r = VaultHeader.safeParse(value);
  if (!r.success) throw new VaultFormatError(`not a vault header: ${r.error.issues[0]?.message}`);
  return r.data;
}

async function unwrap(
  header: VaultHeader,
  kek: CryptoKey,
  extractable: boolean,
): Promise<CryptoKey | null> {
  try {
    return await globalThis.crypto.subtle.unwrapKey(
      'raw',
      fromBase64Url(header.wrapped_data_key),
      kek,
      'AES-KW',
      { name: 'AES-GCM', length: 256 },
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch {
    // AES-KW's integrity check failed: a wrong passphrase (or a damaged wrapped key).
    return null;
  }
}

/** The rest of the keys once the data key is known. Throws TamperedError if the pair was swapped. */
async function keysFrom(header: VaultHeader, dataKey: CryptoKey): Promise<VaultKeys> {
  const { alg, public_key, private_key } = header.sealing;
  let pkcs8: Uint8Array;
  try {
    pkcs8 = await decryptBytes(dataKey, fromBase64Url(private_key), privateKeyAad(alg, public_key));
  } catch (e) {
    throw new TamperedError('the vault’s sealing key does not match its public key', { cause: e });
  }
  try {
    return {
      dataKey,
      sealingPrivate: await importSealingPrivate(alg, pkcs8),
      sealAlg: alg,
      sealingPublicRaw: fromBase64Url(public_key),
    };
  } finally {
    pkcs8.fill(0);
  }
}

async function checkedKeys(header: VaultHeader, passphrase: string): Promise<VaultKeys> {
  const r = await checkPassphrase(header, passphrase);
  if (r.result !== 'unlock') throw new WrongPassphraseError();
  return r.keys;
}

/**
 * What a passphrase typed at the lock screen is: the real one, the duress one, or wrong.
 * Both derivations always run (same function, same cost), whatever the first one found, so the
 * time taken does not tell which passphrase exists; the only difference left is the few
 * milliseconds to unwrap keys after a correct passphrase.
 * `exportSession`: also return the raw data key, for the background to keep in memory-only
 * session storage across service-worker restarts (see docs/vault-design.md).
 */
export async function checkPassphrase(
  header: VaultHeader,
  passphrase: string,
  opts: { exportSession?: boolean } = {},
): Promise<PassphraseCheck> {
  const kek = await deriveKek(passphrase, header.kdf);
  const duressBits = await deriveBits(passphrase, header.duress.kdf);
  const isDuress = constantTimeEqual(duressBits, fromBase64Url(header.duress.verifier));
  duressBits.fill(0);
  const dataKey = await unwrap(header, kek, opts.exportSession === true);
  if (dataKey) {
    const keys = await keysFrom(header, dataKey);
    if (!opts.exportSession) return { result: 'unlock', keys };
    const raw = new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', dataKey));
    return {
      result: 'unlock',
      keys: { ...keys, dataKey: await importDataKey(raw) },
      sessionSecret: raw,
    };
  }
  return isDuress ? { result: 'duress' } : { result: 'wrong' };
}

/** Unlock or throw WrongPassphraseError (no duress handling: for settings dialogs). */
export async function unlockVault(header: VaultHeader, passphrase: string): Promise<VaultKeys> {
  return checkedKeys(header, passphrase);
}

async function importDataKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== 32) throw new VaultFormatError('bad session key');
  return globalThis.crypto.subtle.importKey(
    'raw',
    raw as Uint8Array<ArrayBuffer>,
    'AES-GCM',
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Rebuild the unlocked keys from a session secret after a service-worker restart. */
export async function resumeSession(header: VaultHeader, secret: Uint8Array): Promise<VaultKeys> {
  return keysFrom(header, await importDataKey(secret));
}

async function matchesDuress(header: VaultHeader, passphrase: string): Promise<boolean> {
  const bits = await deriveBits(passphrase, header.duress.kdf);
  return constantTimeEqual(bits, fromBase64Url(header.duress.verifier));
}

/**
 * A new passphrase: unwrap the data key with the old one and wrap it again under a KEK from the
 * new one (same function and cost, new salt). Data encrypted before stays readable as is.
 */
export async function changePassphrase(
  header: VaultHeader,
  oldPassphrase: string,
  newPassphrase: string,
): Promise<VaultHeader> {
  if (!newPassphrase) throw new PassphraseRejectedError('empty');
  const dataKey = await unwrap(header, await deriveKek(oldPassphrase, header.kdf), true);
  if (!dataKey) throw new WrongPassphraseError();
  if (await matchesDuress(header, newPassphrase)) {
    throw new PassphraseRejectedError('same-as-duress');
  }
  const kdf = { ...header.kdf, salt: toBase64Url(randomBytes(16)) };
  return { ...header, kdf, wrapped_data_key: await wrapDataKey(newPassphrase, kdf, dataKey) };
}

/** Set (or replace) the duress passphrase; the real passphrase authorises it. */
export async function setDuressPassphrase(
  header: VaultHeader,
  passphrase: string,
  duressPassphrase: string,
): Promise<VaultHeader> {
  if (!duressPassphrase) throw new PassphraseRejectedError('empty');
  await unlockVault(header, passphrase);
  if (duressPassphrase.normalize('NFC') === passphrase.normalize('NFC')) {
    throw new PassphraseRejectedError('same-as-passphrase');
  }
  const kdf = { ...header.kdf, salt: toBase64Url(randomBytes(16)) };
  const verifier = toBase64Url(await deriveBits(duressPassphrase, kdf));
  return { ...header, duress: { kdf, verifier } };
}

/** Remove the duress passphrase: the verifier becomes random again, like a vault that never had one. */
export async function clearDuressPassphrase(
  header: VaultHeader,
  passphrase: string,
): Promise<VaultHeader> {
  await unlockVault(header, passphrase);
  return { ...header, duress: decoyDuress(header.kdf) };
}
