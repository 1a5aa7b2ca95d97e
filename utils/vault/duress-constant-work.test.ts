/**
 * The lock screen must not reveal by its timing whether the typed passphrase was the real one,
 * the duress one or neither: every check runs both Argon2id derivations. Counted, not timed:
 * a timing test on a shared machine is noise, while the count is what makes the times equal.
 */
import { beforeEach, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('hash-wasm', async (importOriginal) => {
  const orig = await importOriginal<typeof import('hash-wasm')>();
  return {
    ...orig,
    argon2id: (...args: Parameters<typeof orig.argon2id>) => {
      calls.n++;
      return orig.argon2id(...args);
    },
  };
});

const { checkPassphrase, createVault, setDuressPassphrase, clearDuressPassphrase } =
  await import('./index');
const { FAST_ARGON } = await import('./test-support');

beforeEach(() => {
  calls.n = 0;
});

async function derivationsFor(header: Parameters<typeof checkPassphrase>[0], pass: string) {
  calls.n = 0;
  const r = await checkPassphrase(header, pass);
  return { result: r.result, derivations: calls.n };
}

it('runs exactly two derivations whatever the outcome, with or without a duress passphrase', async () => {
  const { header } = await createVault('real one', { argon: FAST_ARGON });
  const withDuress = await setDuressPassphrase(header, 'real one', 'duress one');
  const cleared = await clearDuressPassphrase(withDuress, 'real one');
  for (const h of [header, withDuress, cleared]) {
    expect(await derivationsFor(h, 'real one')).toEqual({ result: 'unlock', derivations: 2 });
    expect((await derivationsFor(h, 'guess')).derivations).toBe(2);
  }
  expect(await derivationsFor(withDuress, 'duress one')).toEqual({
    result: 'duress',
    derivations: 2,
  });
  expect(await derivationsFor(withDuress, 'guess')).toEqual({ result: 'wrong', derivations: 2 });
});

it('the duress derivation costs the same as the real one', async () => {
  const { header } = await createVault('p', { argon: FAST_ARGON });
  const h = await setDuressPassphrase(header, 'p', 'd');
  const { salt: _a, ...real } = h.kdf;
  const { salt: _b, ...duress } = h.duress.kdf;
  expect(duress).toEqual(real);
  expect(h.duress.kdf.salt).not.toBe(h.kdf.salt);
});
