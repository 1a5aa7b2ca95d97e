/**
 * bench/vault, second part: what the encrypted store costs the user in the browser (the built
 * extension, e2e build, real Chromium), each beside the same work on a clear store:
 *
 * - capture time of the same generated article pages (bench/make-pages), clear and encrypted,
 *   in alternating rounds (clear, encrypted, wipe, clear, encrypted) so that a busy machine
 *   weighs on both sides alike;
 * - export throughput of the same pack (built and signed as the export does, into a byte
 *   counter), before and after the store holding it is converted;
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
  panicWipe(): Promise<{ took_ms: number; origin_data: { removed: boolean; ms: number } }>;
  generateItems(o: unknown): Promise<{ ids: string[]; bytes: number; ms: number }>;
  exportToNowhere(ids: string[]): Promise<{ size: number; ms: number; artifactBytes: number }>;
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
            if (!r.ok || !r.item_id) return { ok: false, error: r.error, answered, full: 0 };
            let status = 'pending';
            while (status === 'pending') {
              await new Promise((ok) => setTimeout(ok, 25));
              status = (await h.db.items.get(r.item_id))?.full_page?.status ?? 'none';
            }
            return { ok: status === 'added', error: status, answered, full: performance.now() - t };
          },
          tabId,
        );
        if (!res.ok)
          throw new Error(`capture of ${p.name} (${mode}) failed: ${JSON.stringify(res.error)}`);
        saved[mode].push(res.answered);
        full[mode].push(res.full);
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
    const exp: Record<'clear' | 'encrypted', number[]> = { clear: [], encrypted: [] };
    let packBytes = 0;
    let artifactBytes = 0;
    let conversionMs = 0;
    await phase('export', async () => {
      const gen = await hooks(
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
      const runs = async (mode: 'clear' | 'encrypted') => {
        for (let i = 0; i < 3; i++) {
          const r = await hooks(await sw(), (h, ids: string[]) => h.exportToNowhere(ids), gen.ids);
          exp[mode].push(r.artifactBytes / 1e6 / (r.ms / 1000));
          packBytes = r.size;
          artifactBytes = r.artifactBytes;
        }
      };
      await runs('clear');
      const t0 = performance.now();
      const r = await hooks(await sw(), (h, p: string) => h.vaultService.create(p), PASS);
      if (!r.ok) throw new Error(`conversion failed: ${JSON.stringify(r)}`);
      conversionMs = performance.now() - t0;
      await runs('encrypted');
    });

    // ---- unlock ----
    const unlock: number[] = [];
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
        {
          measure: 'unlock: both Argon2id derivations (default cost), unwrap, session kept (ms)',
          median: median(unlock).toFixed(0),
          p95: p95(unlock).toFixed(0),
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
