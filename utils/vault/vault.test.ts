import { describe, expect, it } from 'vitest';
import {
  ARGON2ID_DEFAULT,
  changePassphrase,
  checkPassphrase,
  clearDuressPassphrase,
  createVault,
  decryptBytes,
  decryptString,
  encryptBytes,
  encryptString,
  fieldAad,
  parseHeader,
  PassphraseRejectedError,
  resumeSession,
  setDuressPassphrase,
  TamperedError,
  unlockVault,
  VaultFormatError,
  WrongPassphraseError,
  type VaultHeader,
} from './index';
import { FAST_ARGON } from './test-support';

const PASS = 'коты и чайник на балконе 42';
const aad = fieldAad('items', 'item-1', 'title');

async function fastVault(opts: Parameters<typeof createVault>[1] = {}) {
  return createVault(PASS, { argon: FAST_ARGON, ...opts });
}

describe('vault: create, unlock, change passphrase', () => {
  it('unlocks with the passphrase and decrypts what was encrypted at creation', async () => {
    const { header, keys } = await fastVault();
    const sealed = await encryptString(keys.dataKey, 'Задержан у метро', aad);
    const again = await unlockVault(parseHeader(JSON.parse(JSON.stringify(header))), PASS);
    expect(await decryptString(again.dataKey, sealed, aad)).toBe('Задержан у метро');
  });

  it('refuses a wrong passphrase with WrongPassphraseError', async () => {
    const { header } = await fastVault();
    await expect(unlockVault(header, PASS + ' ')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect((await checkPassphrase(header, 'nope')).result).toBe('wrong');
  });

  it('treats NFC and NFD spellings of the same passphrase as equal', async () => {
    const { header } = await createVault('café', { argon: FAST_ARGON });
    await expect(unlockVault(header, 'cafe\u0301')).resolves.toBeDefined();
  });

  it('keeps the data key non-extractable after unlock', async () => {
    const { header } = await fastVault();
    const keys = await unlockVault(header, PASS);
    expect(keys.dataKey.extractable).toBe(false);
    expect(keys.sealingPrivate.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', keys.dataKey)).rejects.toThrow();
  });

  it('changing the passphrase re-wraps the key: old data still decrypts, old passphrase fails', async () => {
    const { header, keys } = await fastVault();
    const before = await encryptBytes(keys.dataKey, new Uint8Array([1, 2, 3]), aad);
    const next = await changePassphrase(header, PASS, 'a new long passphrase');
    expect(next.sealing).toEqual(header.sealing); // nothing else re-encrypted
    expect(next.kdf.salt).not.toBe(header.kdf.salt);
    const k2 = await unlockVault(next, 'a new long passphrase');
    expect([...(await decryptBytes(k2.dataKey, before, aad))]).toEqual([1, 2, 3]);
    await expect(unlockVault(next, PASS)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('refuses to change the passphrase without the old one', async () => {
    const { header } = await fastVault();
    await expect(changePassphrase(header, 'guess', 'x')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    await expect(changePassphrase(header, PASS, '')).rejects.toBeInstanceOf(
      PassphraseRejectedError,
    );
  });

  it('PBKDF2 fallback: recorded in the header and used again to unlock', async () => {
    const { header, keys } = await createVault(PASS, { kdf: 'pbkdf2-sha256' });
    expect(header.kdf).toMatchObject({ alg: 'pbkdf2-sha256', iterations: 600_000 });
    expect(header.duress.kdf.alg).toBe('pbkdf2-sha256');
    const sealed = await encryptString(keys.dataKey, 'x', aad);
    const k2 = await unlockVault(header, PASS);
    expect(await decryptString(k2.dataKey, sealed, aad)).toBe('x');
    await expect(unlockVault(header, 'wrong')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('uses Argon2id with the documented default cost when not told otherwise', async () => {
    const { header } = await createVault(PASS);
    expect(header.kdf).toMatchObject({ alg: 'argon2id', ...ARGON2ID_DEFAULT });
    expect(header.kdf.salt).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128-bit salt
  }, 20_000);

  it('a tampered KDF cost or salt makes unlock fail as a wrong passphrase, never a wrong key', async () => {
    const { header } = await fastVault();
    const kdf = header.kdf as Extract<VaultHeader['kdf'], { alg: 'argon2id' }>;
    await expect(
      unlockVault({ ...header, kdf: { ...kdf, t: kdf.t + 1 } }, PASS),
    ).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('rejects a damaged header with VaultFormatError (bounded KDF cost included)', () => {
    expect(() => parseHeader({ format: 'x' })).toThrow(VaultFormatError);
    const huge = {
      format: 'protokol-vault',
      version: 1,
      created_at: 'x',
      kdf: { alg: 'argon2id', m_kib: 64 * 1024 * 1024, t: 3, p: 1, salt: 'AAAA' },
    };
    expect(() => parseHeader(huge)).toThrow(VaultFormatError);
  });

  it('a swapped sealing public key is caught at unlock (TamperedError)', async () => {
    const a = await fastVault();
    const b = await fastVault();
    const mixed = {
      ...a.header,
      sealing: { ...a.header.sealing, public_key: b.header.sealing.public_key },
    };
    await expect(unlockVault(mixed, PASS)).rejects.toBeInstanceOf(TamperedError);
  });

  it('a session secret rebuilds the same keys after a worker restart', async () => {
    const { header } = await fastVault();
    const r = await checkPassphrase(header, PASS, { exportSession: true });
    if (r.result !== 'unlock' || !r.sessionSecret) throw new Error('expected unlock');
    expect(r.keys.dataKey.extractable).toBe(false);
    const sealed = await encryptString(r.keys.dataKey, 'kept', aad);
    const resumed = await resumeSession(header, r.sessionSecret);
    expect(await decryptString(resumed.dataKey, sealed, aad)).toBe('kept');
    await expect(resumeSession(header, new Uint8Array(32))).rejects.toBeInstanceOf(TamperedError);
  });
});

describe('vault: duress passphrase', () => {
  it('tells the real passphrase, the duress one and a wrong one apart', async () => {
    const { header } = await fastVault();
    const h = await setDuressPassphrase(header, PASS, 'всё хорошо');
    expect((await checkPassphrase(h, PASS)).result).toBe('unlock');
    expect((await checkPassphrase(h, 'всё хорошо')).result).toBe('duress');
    expect((await checkPassphrase(h, 'всё хорошо!')).result).toBe('wrong');
  });

  it('a header without a duress passphrase looks like one with it (a decoy verifier)', async () => {
    const { header } = await fastVault();
    const withDuress = await setDuressPassphrase(header, PASS, 'duress');
    const shape = (h: VaultHeader) => ({
      kdf: Object.keys(h.duress.kdf).sort(),
      saltLen: h.duress.kdf.salt.length,
      verifierLen: h.duress.verifier.length,
    });
    expect(shape(header)).toEqual(shape(withDuress));
    const cleared = await clearDuressPassphrase(withDuress, PASS);
    expect((await checkPassphrase(cleared, 'duress')).result).toBe('wrong');
    expect(shape(cleared)).toEqual(shape(header));
  });

  it('needs the real passphrase to set it, and refuses duress = passphrase either way', async () => {
    const { header } = await fastVault();
    await expect(setDuressPassphrase(header, 'wrong', 'd')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    await expect(setDuressPassphrase(header, PASS, PASS)).rejects.toBeInstanceOf(
      PassphraseRejectedError,
    );
    const h = await setDuressPassphrase(header, PASS, 'd');
    await expect(changePassphrase(h, PASS, 'd')).rejects.toMatchObject({
      reason: 'same-as-duress',
    });
  });
});
