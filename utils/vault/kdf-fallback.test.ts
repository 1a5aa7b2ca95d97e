/**
 * Where WebAssembly cannot run (a CSP without 'wasm-unsafe-eval'), a new vault falls back to
 * PBKDF2 and says so in its header; unlocking then uses PBKDF2 too, never Argon2id.
 */
import { expect, it, vi } from 'vitest';

vi.mock('hash-wasm', () => ({
  argon2id: () => Promise.reject(new WebAssembly.CompileError('WebAssembly is not allowed')),
}));

const { argon2Available, createVault, KdfUnavailableError, unlockVault, WrongPassphraseError } =
  await import('./index');

it('falls back to PBKDF2-SHA-256 (600,000 iterations) and records it', async () => {
  expect(await argon2Available()).toBe(false);
  const { header } = await createVault('passphrase');
  expect(header.kdf).toMatchObject({ alg: 'pbkdf2-sha256', iterations: 600_000 });
  expect(header.duress.kdf.alg).toBe('pbkdf2-sha256');
  await expect(unlockVault(header, 'passphrase')).resolves.toBeDefined();
  await expect(unlockVault(header, 'other')).rejects.toBeInstanceOf(WrongPassphraseError);
});

it('an Argon2id vault cannot be opened here: a clear error, not a wrong-passphrase one', async () => {
  const header = (await createVault('p')).header;
  const argonHeader = {
    ...header,
    kdf: { alg: 'argon2id' as const, m_kib: 8192, t: 1, p: 1, salt: header.kdf.salt },
  };
  const err = await unlockVault(argonHeader, 'p').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(KdfUnavailableError);
  expect((err as Error).cause).toBeInstanceOf(WebAssembly.CompileError);
});
