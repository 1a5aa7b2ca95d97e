/**
 * Passphrase → key-encryption key (KEK). Argon2id (memory-hard, RFC 9106) from hash-wasm is
 * the default; PBKDF2-SHA-256 from WebCrypto is the fallback for a context where WebAssembly
 * cannot run. The choice and its parameters are stored in the vault header, so unlocking always
 * uses the function the vault was made with, whatever the current build prefers.
 */
import { argon2id } from 'hash-wasm';
import { z } from 'zod';
import { ab, randomBytes, toBase64Url, fromBase64Url } from './bytes';
import { KdfUnavailableError, VaultFormatError } from './errors';

/**
 * 96 MiB, 3 passes, 1 lane: RFC 9106's second recommended option (64 MiB, t = 3) with half as
 * much memory again. The lock screen runs two derivations (passphrase and duress check): about
 * 0.6-0.7 s expected in Chromium's service worker on the quiet 2-core test machine (0.8-1.35 s
 * measured while it was busy), and each guess costs an attacker 96 MiB and ~0.3 s of one core
 * (figures in docs/vault-design.md).
 */
export const ARGON2ID_DEFAULT = { m_kib: 96 * 1024, t: 3, p: 1 } as const;
/** OWASP's 2023 floor for PBKDF2-HMAC-SHA-256. */
export const PBKDF2_DEFAULT_ITERATIONS = 600_000;

const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

export const KdfParams = z.discriminatedUnion('alg', [
  z.object({
    alg: z.literal('argon2id'),
    /** Memory in KiB; bounded so a tampered header cannot make unlock allocate gigabytes. */
    m_kib: z
      .number()
      .int()
      .min(8 * 1024)
      .max(1024 * 1024),
    t: z.number().int().min(1).max(20),
    p: z.number().int().min(1).max(4),
    salt: b64,
  }),
  z.object({
    alg: z.literal('pbkdf2-sha256'),
    iterations: z.number().int().min(PBKDF2_DEFAULT_ITERATIONS).max(10_000_000),
    salt: b64,
  }),
]);
export type KdfParams = z.infer<typeof KdfParams>;

export type KdfChoice = 'argon2id' | 'pbkdf2-sha256';

/** Fresh parameters with a new random 128-bit salt. `argon` overrides only for tests/benchmarks. */
export function newKdfParams(
  alg: KdfChoice,
  argon: { m_kib: number; t: number; p: number } = ARGON2ID_DEFAULT,
): KdfParams {
  const salt = toBase64Url(randomBytes(16));
  return alg === 'argon2id'
    ? { alg, ...argon, salt }
    : { alg, iterations: PBKDF2_DEFAULT_ITERATIONS, salt };
}

/** Whether this context can run Argon2id (WebAssembly present and allowed by the CSP). */
export async function argon2Available(): Promise<boolean> {
  try {
    await argon2id({
      password: 'probe',
      salt: new Uint8Array(8),
      parallelism: 1,
      iterations: 1,
      memorySize: 8,
      hashLength: 4,
      outputType: 'binary',
    });
    return true;
  } catch {
    return false;
  }
}

/** The 32 raw bytes derived from `passphrase` (NFC-normalised, so the same typed text matches). */
export async function deriveBits(passphrase: string, params: KdfParams): Promise<Uint8Array> {
  const password = passphrase.normalize('NFC');
  const salt = fromBase64Url(params.salt);
  if (params.alg === 'argon2id') {
    try {
      return await argon2id({
        password,
        salt,
        parallelism: params.p,
        iterations: params.t,
        memorySize: params.m_kib,
        hashLength: 32,
        outputType: 'binary',
      });
    } catch (e) {
      throw new KdfUnavailableError('Argon2id cannot run here (WebAssembly or its memory)', {
        cause: e,
      });
    }
  }
  if (params.alg === 'pbkdf2-sha256') {
    const subtle = globalThis.crypto.subtle;
    const base = await subtle.importKey(
      'raw',
      ab(new TextEncoder().encode(password)),
      'PBKDF2',
      false,
      ['deriveBits'],
    );
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: params.iterations },
      base,
      256,
    );
    return new Uint8Array(bits);
  }
  throw new VaultFormatError('unknown key derivation function');
}

/** The KEK as a non-extractable AES-KW key: it can only wrap and unwrap the data key. */
export async function deriveKek(passphrase: string, params: KdfParams): Promise<CryptoKey> {
  const bits = await deriveBits(passphrase, params);
  try {
    return await globalThis.crypto.subtle.importKey('raw', ab(bits), 'AES-KW', false, [
      'wrapKey',
      'unwrapKey',
    ]);
  } finally {
    bits.fill(0);
  }
}
