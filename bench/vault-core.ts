/**
 * The vault measurements themselves, written to run unchanged in Node and in the extension's
 * service worker (the e2e build exposes them as `__protokol.vaultBench`), so the two figures
 * come from the same code.
 */
import {
  checkPassphrase,
  chunkAad,
  createVault,
  decryptBytes,
  decryptString,
  deriveBits,
  encryptBytes,
  encryptString,
  fieldAad,
  newKdfParams,
  openSealedBytes,
  sealBytes,
  setDuressPassphrase,
  ARGON2ID_DEFAULT,
} from '../utils/vault';

export interface VaultBenchOptions {
  unlockRuns: number;
  /** Argon2id costs to time one derivation for, besides the default. */
  argonCandidates: Array<{ m_kib: number; t: number; p: number }>;
  chunkMiB: number;
  chunks: number;
  fieldOps: number;
  sealRuns: number;
}

export interface VaultBenchResult {
  argon: Array<{ m_kib: number; t: number; p: number; ms: number[] }>;
  pbkdf2Ms: number[];
  /** Full lock-screen check (two derivations + unwrap) with the default cost. */
  unlockMs: number[];
  chunkEncryptMBps: number;
  chunkDecryptMBps: number;
  fieldEncryptOps: number;
  fieldDecryptOps: number;
  sealMs: number[];
  openMs: number[];
  /** The sealing algorithm this WebCrypto gave a new vault. */
  sealAlg: string;
}

const PASS = 'correct horse battery staple, в/ч 21005';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function runVaultBench(o: VaultBenchOptions): Promise<VaultBenchResult> {
  const argon = [];
  for (const c of o.argonCandidates) {
    const params = newKdfParams('argon2id', c);
    const ms: number[] = [];
    for (let i = 0; i < 3; i++) ms.push(await timed(() => deriveBits(PASS, params)));
    argon.push({ ...c, ms });
  }
  const pbkdf2 = newKdfParams('pbkdf2-sha256');
  const pbkdf2Ms = [
    await timed(() => deriveBits(PASS, pbkdf2)),
    await timed(() => deriveBits(PASS, pbkdf2)),
  ];

  const { header, keys } = await createVault(PASS, { argon: ARGON2ID_DEFAULT });
  const withDuress = await setDuressPassphrase(header, PASS, 'duress words');
  const unlockMs: number[] = [];
  for (let i = 0; i < o.unlockRuns; i++) {
    unlockMs.push(await timed(() => checkPassphrase(withDuress, PASS)));
  }

  const chunk = new Uint8Array(o.chunkMiB * 1024 * 1024);
  for (let i = 0; i < chunk.length; i += 65536) {
    crypto.getRandomValues(chunk.subarray(i, Math.min(i + 65536, chunk.length)));
  }
  // A ring of four envelopes: the figure is the cipher's cost, not the garbage collector's.
  const ring: Uint8Array[] = [];
  const at = (i: number) => chunkAad('bench', i % 4, false);
  const encMs = await timed(async () => {
    for (let i = 0; i < o.chunks; i++) ring[i % 4] = await encryptBytes(keys.dataKey, chunk, at(i));
  });
  const decMs = await timed(async () => {
    for (let i = 0; i < o.chunks; i++) await decryptBytes(keys.dataKey, ring[i % 4]!, at(i));
  });
  const mb = (o.chunkMiB * o.chunks * 1024 * 1024) / 1e6;

  const title = 'Задержание у метро «Площадь Революции»: трое мужчин увезены в военкомат';
  const fields: string[] = [];
  const fEnc = await timed(async () => {
    for (let i = 0; i < o.fieldOps; i++) {
      fields.push(await encryptString(keys.dataKey, title, fieldAad('items', i, 'title')));
    }
  });
  const fDec = await timed(async () => {
    for (let i = 0; i < o.fieldOps; i++) {
      await decryptString(keys.dataKey, fields[i]!, fieldAad('items', i, 'title'));
    }
  });

  const record = new TextEncoder().encode(
    JSON.stringify({ url: 'https://t.me/s/x/1', text: title }),
  );
  const sealMs: number[] = [];
  const openMs: number[] = [];
  const aad = fieldAad('queued', 'q', 'record');
  for (let i = 0; i < o.sealRuns; i++) {
    let box: Uint8Array = new Uint8Array();
    sealMs.push(
      await timed(async () => {
        box = await sealBytes(keys.sealAlg, keys.sealingPublicRaw, record, aad);
      }),
    );
    openMs.push(
      await timed(() =>
        openSealedBytes(keys.sealAlg, keys.sealingPrivate, keys.sealingPublicRaw, box, aad),
      ),
    );
  }
  return {
    argon,
    pbkdf2Ms,
    unlockMs,
    chunkEncryptMBps: mb / (encMs / 1000),
    chunkDecryptMBps: mb / (decMs / 1000),
    fieldEncryptOps: o.fieldOps / (fEnc / 1000),
    fieldDecryptOps: o.fieldOps / (fDec / 1000),
    sealMs,
    openMs,
    sealAlg: keys.sealAlg,
  };
}
