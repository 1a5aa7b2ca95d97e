/**
 * bench/vault, second part: what the encrypted store costs the user in the browser (the built
 * extension, e2e build, real Chromium), each beside the same work on a clear store:
 *
 * - capture time of the same generated article pages (bench/make-pages), clear and encrypted,
 *   in alternating rounds (clear, encrypted, wipe, clear, encrypted) so that a busy machine
 *   weighs on both sides alike;
 * - export throughput of the same pack (built and signed as the export does, into a byte
 *   counter) from a clear and an encrypted store holding the same items, alternately;
 * - the conversion of a store holding that set (vault.create on a clear store);
 * - unlock at the lock screen (both Argon2id derivations, the unwrap, the session kept);
 * - the panic wipe of an encrypted store of 10,000 items (and of a clear one for comparison).
 */
import { execFileSync } from 'node:child_process';
import type { Worker } from 'playwright-core';
import { launch, openPage } from '../e2e/browser';
import { startServer } from '../e2e/server';
import { makeBenchPages } from './make-pages.mjs';
import { median, p95, table, treeRss } from './stats';

const PASS = 'correct horse battery staple, в/ч 21005';

type Hooks = {
  runCapture(
    tab: number,
  ): Promise<{ ok: boolean; item_id?: string; timings?: Record<string, number>; error?: unknown }>;
  db: { items: { get(id: string): Promise<{ full_page?: { status: string } } | undefined> } };
  vaultService: {
    create(p: string): Promise<{ ok: boolean }>;
    unlock(p: string): Promise<{ ok: boolean; result?: string }>;
    lock(): Promise<void>;
    status(): Promise<{ status: string }>;
  };
  vault: {
    fromBase64Url(s: string): Uint8Array;
    resumeSession(h: unknown, s: Uint8Array): Promise<unknown>;
  };
  storeVault: {
    readVaultHeader(db: unknown): Promise<unknown>;
    resumeStore(db: unknown, s: Uint8Array): Promise<void>;
  };
  panicWipe(): Promise<{ took_ms: number; origin_data: { removed: boolean; ms: number } }>;
  generateItems(o: unknown): Promise<{ ids: string[]; bytes: number; ms: number }>;
  exportBenchPair(o: { count: number; bigBytes: number; runs: number }): Promise<{
    clearMs: number[];
    encryptedMs: number[];
    artifactBytes: number;
    packBytes: number;
    readClearMs: number[];
    readEncryptedMs: number[];
  }>;
};

/**
 * Runs `fn(hooks, arg)` in the service worker. Sent as an expression through the DevTools
 * protocol (the extension's CSP forbids building functions from text inside the worker).
 */
function hooks<T, A>(sw: Worker, fn: (h: Hooks, arg: A) => Promise<T>, arg: A): Promise<T> {
  return sw.evaluate(
    `(${fn.toString()})(globalThis.__protokol, ${JSON.stringify(arg ?? null)})`,
  ) as Promise<T>;
}

const pct = (a: number, b: number) => `${((a / b - 1) * 100).toFixed(1)} %`;

export async function runStoreBench(): Promise<void> {
  const nPages = Number(process.env.BENCH_PAGES ?? 10);
  const nWipe = Number(process.env.BENCH_WIPE_ITEMS ?? 10_000);
  const exportItems = Number(process.env.BENCH_EXPORT_ITEMS ?? 24);
  const parts = new Set((process.env.BENCH_PARTS ?? 'capture,export,unlock,wipe').split(','));
  const pages = makeBenchPages(nPages) as Array<{ name: string; html: string }>;
  const server = await startServer();
  for (const p of pages) server.extra.set(`/bench/${p.name}`, p.html);
  const ext = await launch();
  const pid = Number(execFileSync('pgrep', ['-o', '-f', ext.profile]).toString().trim());
  let peak = 0;
  const peaks: Record<string, number> = {};
  const sampler = setInterval(() => void treeRss(pid).then((r) => (peak = Math.max(peak, r))), 100);
  const phase = async (name: string, fn: () => Promise<void>) => {
    if (!parts.has(name)) return;
    peak = await treeRss(pid);
    await fn();
    peaks[name] = Math.max(peak, await treeRss(pid));
  };
  const sw = async () => ext.worker();

  try {
    // ---- capture, clear and encrypted, alternating rounds ----
    const saved: Record<'clear' | 'encrypted', number[]> = { clear: [], encrypted: [] };
    const full: Record<'clear' | 'encrypted', number[]> = { clear: [], encrypted: [] };
    // The store stage alone (hash, seal, IndexedDB write): where encryption adds its work.
    const store: Record<'clear' | 'encrypted', number[]> = { clear: [], encrypted: [] };
    const round = async (mode: 'clear' | 'encrypted') => {
      if (mode === 'encrypted') {
        const r = await hooks(await sw(), (h, p: string) => h.vaultService.create(p), PASS);
        if (!r.ok) throw new Error(`could not turn encryption on: ${JSON.stringify(r)}`);
      }
      for (const p of pages) {
        const { page, tabId } = await openPage(ext, server.url(`/bench/${p.name}`));
        const res = await hooks(
          await sw(),
          async (h, id: number) => {
            const t = performance.now();
            const r = await h.runCapture(id);
            const answered = performance.now() - t;
            if (!r.ok || !r.item_id)
              return { ok: false, error: r.error, answered, full: 0, store: 0 };
            let status = 'pending';
            while (status === 'pending') {
              await new Promise((ok) => setTimeout(ok, 25));
              status = (await h.db.items.get(r.item_id))?.full_page?.status ?? 'none';
            }
            return {
              ok: status === 'added',
              error: status,
              answered,
              full: performance.now() - t,
              store: r.timings?.store ?? 0,
            };
          },
          tabId,
        );
        if (!res.ok)
          throw new Error(`capture of ${p.name} (${mode}) failed: ${JSON.stringify(res.error)}`);
        saved[mode].push(res.answered);
        full[mode].push(res.full);
        store[mode].push(res.store);
        await page.close();
      }
    };
    await phase('capture', async () => {
      await round('clear');
      await round('encrypted');
      await hooks(await sw(), (h) => h.panicWipe(), null);
      await round('clear');
      await round('encrypted');
      await hooks(await sw(), (h) => h.panicWipe(), null);
    });

    // ---- export of the same pack, before and after conversion ----
    // The same pack from a clear and an encrypted store, exported alternately (5 each).
    const exp: Record<'clear' | 'encrypted', number[]> = { clear: [], encrypted: [] };
    const read: Record<'clear' | 'encrypted', number[]> = { clear: [], encrypted: [] };
    let packBytes = 0;
    let artifactBytes = 0;
    let conversionMs = 0;
    await phase('export', async () => {
      const r = await hooks(
        await sw(),
        (h, o: { count: number; bigBytes: number; runs: number }) => h.exportBenchPair(o),
        { count: exportItems, bigBytes: 4 * 1024 * 1024 + 12_345, runs: 5 },
      );
      exp.clear = r.clearMs.map((ms) => r.artifactBytes / 1e6 / (ms / 1000));
      exp.encrypted = r.encryptedMs.map((ms) => r.artifactBytes / 1e6 / (ms / 1000));
      packBytes = r.packBytes;
      artifactBytes = r.artifactBytes;
      read.clear = r.readClearMs.map((ms) => r.artifactBytes / 1e6 / (ms / 1000));
      read.encrypted = r.readEncryptedMs.map((ms) => r.artifactBytes / 1e6 / (ms / 1000));
      // Turning encryption on for a store holding the same set: the conversion's time.
      await hooks(
        await sw(),
        (h, n: number) =>
          h.generateItems({
            count: n,
            bigEvery: 1,
            bigBytes: 4 * 1024 * 1024 + 12_345,
            parallel: 4,
          }),
        exportItems,
      );
      const t0 = performance.now();
      const c = await hooks(await sw(), (h, p: string) => h.vaultService.create(p), PASS);
      if (!c.ok) throw new Error(`conversion failed: ${JSON.stringify(c)}`);
      conversionMs = performance.now() - t0;
    });

    // ---- unlock ----
    const unlock: number[] = [];
    const resume: number[] = [];
    await phase('unlock', async () => {
      if ((await hooks(await sw(), (h) => h.vaultService.status(), null)).status === 'clear') {
        const r = await hooks(await sw(), (h, p: string) => h.vaultService.create(p), PASS);
        if (!r.ok) throw new Error('could not turn encryption on');
      }
      for (let i = 0; i < 5; i++) {
        const ms = await hooks(
          await sw(),
          async (h, p: string) => {
            await h.vaultService.lock();
            const t = performance.now();
            const r = await h.vaultService.unlock(p);
            if (r.result !== 'unlock') throw new Error(`unlock: ${JSON.stringify(r)}`);
            return performance.now() - t;
          },
          PASS,
        );
        unlock.push(ms);
      }
      // What a restarted worker or an extension page does with the kept session secret.
      for (let i = 0; i < 5; i++) {
        resume.push(
          await hooks(
            await sw(),
            async (h) => {
              const got = await chrome.storage.session.get('vault.session');
              const secret = h.vault.fromBase64Url(got['vault.session'] as string);
              const t = performance.now();
              await h.vault.resumeSession(await h.storeVault.readVaultHeader(h.db), secret);
              await h.storeVault.resumeStore(h.db, secret);
              return performance.now() - t;
            },
            null,
          ),
        );
      }
    });

    // ---- wipe of 10,000 items, encrypted and clear ----
    const wipes: Array<Record<string, string>> = [];
    await phase('wipe', async () => {
      for (const mode of ['encrypted', 'clear'] as const) {
        await hooks(await sw(), (h) => h.panicWipe(), null);
        if (mode === 'encrypted') {
          const r = await hooks(await sw(), (h, p: string) => h.vaultService.create(p), PASS);
          if (!r.ok) throw new Error('could not turn encryption on');
        }
        const gen = await hooks(
          await sw(),
          (h, n: number) => h.generateItems({ count: n, htmlBytes: 1500, parallel: 16 }),
          nWipe,
        );
        const w = await hooks(await sw(), (h) => h.panicWipe(), null);
        wipes.push({
          store: `${mode}, ${nWipe} items (${(gen.bytes / 1e6).toFixed(0)} MB, generated in ${(gen.ms / 1000).toFixed(0)} s)`,
          'wipe ms': w.took_ms.toFixed(0),
          'of which browsingData ms': w.origin_data.ms.toFixed(0),
          'files removed': String(w.origin_data.removed),
        });
      }
    });

    const version = ext.ctx.browser()?.version() ?? 'Chromium';
    console.log(
      `\n== the store, clear against encrypted: Chromium ${version}, extension service worker ==`,
    );
    const c = (m: 'clear' | 'encrypted') => saved[m];
    console.log(
      table([
        ...(['clear', 'encrypted'] as const).map((m) => ({
          measure: `capture, ${m}: request to saved (ms), ${c(m).length} pages`,
          median: median(c(m)).toFixed(0),
          p95: p95(c(m)).toFixed(0),
          throughput: `${(1000 / median(c(m))).toFixed(2)} pages/s`,
        })),
        ...(['clear', 'encrypted'] as const).map((m) => ({
          measure: `capture, ${m}: store stage (hash, seal, write) (ms)`,
          median: median(store[m]).toFixed(1),
          p95: p95(store[m]).toFixed(1),
          throughput: '',
        })),
        ...(['clear', 'encrypted'] as const).map((m) => ({
          measure: `capture, ${m}: request to full-page screenshot added (ms)`,
          median: median(full[m]).toFixed(0),
          p95: p95(full[m]).toFixed(0),
          throughput: '',
        })),
        ...(['clear', 'encrypted'] as const).map((m) => ({
          measure: `export, ${m}: ${exportItems} items, ${(artifactBytes / 1e6).toFixed(0)} MB of files, pack ${(packBytes / 1e6).toFixed(0)} MB (MB/s of files)`,
          median: median(exp[m]).toFixed(0),
          p95: '',
          throughput: `${median(exp[m]).toFixed(0)} MB/s`,
        })),
        ...(['clear', 'encrypted'] as const).map((m) => ({
          measure: `read every file of that set once, ${m} (MB/s)`,
          median: median(read[m]).toFixed(0),
          p95: '',
          throughput: `${median(read[m]).toFixed(0)} MB/s`,
        })),
        {
          measure: 'unlock: both Argon2id derivations (default cost), unwrap, session kept (ms)',
          median: median(unlock).toFixed(0),
          p95: p95(unlock).toFixed(0),
          throughput: '',
        },
        {
          measure: 'resume from the session secret (worker restart, extension page) (ms)',
          median: median(resume).toFixed(1),
          p95: p95(resume).toFixed(1),
          throughput: '',
        },
      ]),
    );
    console.log(
      table([
        {
          ratio: 'capture, saved: encrypted / clear (target ≤ +15 %)',
          value: pct(median(saved.encrypted), median(saved.clear)),
        },
        {
          ratio: 'capture, full page added: encrypted / clear',
          value: pct(median(full.encrypted), median(full.clear)),
        },
        {
          ratio: 'export throughput: encrypted slower by (target ≤ 15 %)',
          value: `${((1 - median(exp.encrypted) / median(exp.clear)) * 100).toFixed(1)} %`,
        },
      ]),
    );
    console.log(
      `conversion of the export set (${exportItems} items, ${(artifactBytes / 1e6).toFixed(0)} MB) after vault.create: ${(conversionMs / 1000).toFixed(1)} s`,
    );
    console.log(table(wipes));
    console.log(
      `peak browser memory (RSS of the Chromium process tree), by phase: ${Object.entries(peaks)
        .map(([k, v]) => `${k} ${(v / 1024 / 1024).toFixed(0)} MB`)
        .join(', ')}`,
    );
  } finally {
    clearInterval(sampler);
    await ext.close();
    await server.close();
  }
}
