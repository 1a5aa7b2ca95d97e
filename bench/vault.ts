/**
 * bench/vault: the cost of the encrypted store's cryptography, in Node and in the extension's
 * real service worker (Chromium, e2e build), beside `openssl speed` for AES-256-GCM.
 * Run: npm run bench:vault   (env BENCH_BROWSER=0 to skip Chromium)
 * Then (bench/vault-store.ts) the store in the browser, clear against encrypted: capture time,
 * export throughput, unlock, and the panic wipe of 10,000 items.
 * Env: BENCH_BROWSER=0 skips Chromium; BENCH_CRYPTO=0 skips the cryptography part; BENCH_STORE=0
 * the store part; BENCH_PAGES, BENCH_EXPORT_ITEMS, BENCH_WIPE_ITEMS size the store part; BENCH_PARTS
 * (default capture,export,unlock,wipe) picks its parts.
 */
import { execFileSync } from 'node:child_process';
import { launch } from '../e2e/browser';
import { ARGON2ID_DEFAULT } from '../utils/vault';
import { median, p95, table } from './stats';
import { runVaultBench, type VaultBenchOptions, type VaultBenchResult } from './vault-core';
import { runStoreBench } from './vault-store';

const opts: VaultBenchOptions = {
  unlockRuns: Number(process.env.BENCH_UNLOCK_RUNS ?? 9),
  argonCandidates: [
    { m_kib: 19 * 1024, t: 2, p: 1 }, // OWASP's minimum
    { m_kib: 64 * 1024, t: 3, p: 1 }, // RFC 9106's second recommendation
    ARGON2ID_DEFAULT, // the default: 96 MiB, t = 3
    { m_kib: 128 * 1024, t: 3, p: 1 },
    { m_kib: 256 * 1024, t: 2, p: 1 },
  ],
  chunkMiB: 4,
  chunks: Number(process.env.BENCH_CHUNKS ?? 32),
  fieldOps: Number(process.env.BENCH_FIELD_OPS ?? 5000),
  sealRuns: 50,
};

/** AES-256-GCM throughput (MB/s, 10^6 bytes) from `openssl speed` for one block size. */
function opensslGcm(bytes: number): number {
  const out = execFileSync(
    'openssl',
    ['speed', '-evp', 'aes-256-gcm', '-seconds', '2', '-bytes', String(bytes)],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  ).toString();
  const m = /aes-256-gcm\s+([\d.]+)k/i.exec(out);
  if (!m) throw new Error(`cannot read openssl speed output:\n${out}`);
  return (Number(m[1]) * 1000) / 1e6;
}

const ms = (x: number) => x.toFixed(0);

function report(where: string, r: VaultBenchResult, ssl4m: number, ssl256: number) {
  console.log(`\n== ${where} ==`);
  console.log(
    table([
      ...r.argon.map((a) => ({
        measure: `Argon2id m=${a.m_kib / 1024} MiB t=${a.t} p=${a.p}, one derivation (ms)`,
        median: ms(median(a.ms)),
        p95: ms(p95(a.ms)),
      })),
      {
        measure: 'PBKDF2-SHA-256 600k (fallback), one derivation (ms)',
        median: ms(median(r.pbkdf2Ms)),
        p95: ms(p95(r.pbkdf2Ms)),
      },
      {
        measure: `unlock at the lock screen, default cost, ${r.unlockMs.length} runs (ms)`,
        median: ms(median(r.unlockMs)),
        p95: ms(p95(r.unlockMs)),
      },
      {
        measure: `sealed box (${r.sealAlg}): seal a small capture record (ms)`,
        median: median(r.sealMs).toFixed(2),
        p95: p95(r.sealMs).toFixed(2),
      },
      {
        measure: 'sealed box: open it after unlock (ms)',
        median: median(r.openMs).toFixed(2),
        p95: p95(r.openMs).toFixed(2),
      },
    ]),
  );
  console.log(
    table([
      {
        measure: 'AES-256-GCM encrypt, 4 MiB chunks',
        value: `${r.chunkEncryptMBps.toFixed(0)} MB/s`,
        'openssl speed': `${ssl4m.toFixed(0)} MB/s`,
        ratio: (r.chunkEncryptMBps / ssl4m).toFixed(2),
      },
      {
        measure: 'AES-256-GCM decrypt, 4 MiB chunks',
        value: `${r.chunkDecryptMBps.toFixed(0)} MB/s`,
        'openssl speed': `${ssl4m.toFixed(0)} MB/s`,
        ratio: (r.chunkDecryptMBps / ssl4m).toFixed(2),
      },
      {
        measure: 'encrypt a ~130-byte field (string form)',
        value: `${r.fieldEncryptOps.toFixed(0)} ops/s`,
        'openssl speed': `${((ssl256 * 1e6) / 256).toFixed(0)} blocks/s (256 B)`,
        ratio: '',
      },
      {
        measure: 'decrypt a ~130-byte field (string form)',
        value: `${r.fieldDecryptOps.toFixed(0)} ops/s`,
        'openssl speed': '',
        ratio: '',
      },
    ]),
  );
}

if (process.env.BENCH_CRYPTO !== '0') {
  console.log('measuring openssl speed -evp aes-256-gcm (4 MiB and 256 B blocks)…');
  const ssl4m = opensslGcm(4 * 1024 * 1024);
  const ssl256 = opensslGcm(256);

  report('Node ' + process.version, await runVaultBench(opts), ssl4m, ssl256);

  if (process.env.BENCH_BROWSER !== '0') {
    const ext = await launch();
    try {
      const sw = await ext.worker();
      const r = await sw.evaluate(
        (o) =>
          (
            globalThis as unknown as {
              __protokol: { vaultBench(o: unknown): Promise<VaultBenchResult> };
            }
          ).__protokol.vaultBench(o),
        opts,
      );
      const version = ext.ctx.browser()?.version() ?? 'Chromium';
      report(`Chromium ${version}, extension service worker`, r, ssl4m, ssl256);
    } finally {
      await ext.close();
    }
  }
}

if (process.env.BENCH_BROWSER !== '0' && process.env.BENCH_STORE !== '0') await runStoreBench();
