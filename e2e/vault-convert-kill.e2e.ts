/**
 * Turning encryption on for a store used in clear, with the browser killed in the middle of the
 * conversion (issue 8, "Done when"), in real Chromium: a store of a few hundred items with
 * multi-chunk files is converted by the background's vault service (`vault.create`, what the
 * settings screen sends); while the clear `vault.conversion` marker says it is sealing chunks,
 * the whole browser is killed (SIGKILL to its process group: no shutdown, no flush). Relaunched
 * on the same profile, the store is locked; the passphrase unlocks it and the conversion
 * resumes by itself; afterwards every item, custody line and file reads back identical (each
 * file's SHA-256 equal to the one recorded at capture), every chunk is sealed, the marker says
 * `done`, and the whole-store integrity check passes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launch, type Extension } from './browser';

const PASS = 'e2e conversion passphrase: four random words';

interface Marker {
  phase: string;
  converted: number;
  after?: string;
}
interface Snapshot {
  items: string;
  custody: string;
  itemCount: number;
  custodyCount: number;
  artifacts: Array<{ id: string; size: number; recorded: string; read: string }>;
  chunks: { total: number; sealed: number };
  fixity?: { items: number; ok: number; failed: number };
}
type Hooks = {
  db: {
    settings: {
      get(k: string): Promise<{ value: Marker } | undefined>;
      toArray(): Promise<Array<{ key: string }>>;
    };
    chunks: {
      toCollection(): { raw(): { each(f: (c: { enc?: number }) => void): Promise<void> } };
    };
  };
  vaultService: {
    create(p: string): Promise<{ ok: boolean }>;
    unlock(p: string): Promise<{ ok: boolean; result?: string }>;
    status(): Promise<{ status: string; conversion: unknown }>;
  };
  panicWipe(): Promise<{ took_ms: number }>;
  generateItems(o: unknown): Promise<{ ids: string[]; bytes: number; ms: number }>;
  storeSnapshot(o?: { fixity?: boolean }): Promise<Snapshot>;
};

let profile = '';
afterAll(async () => {
  if (profile) await rm(profile, { recursive: true, force: true });
});

const marker = (sw: Awaited<ReturnType<Extension['worker']>>) =>
  sw.evaluate(async () => {
    const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
    return (await h.db.settings.get('vault.conversion'))?.value ?? null;
  });

const chunkCounts = (sw: Awaited<ReturnType<Extension['worker']>>) =>
  sw.evaluate(async () => {
    const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
    let total = 0;
    let sealed = 0;
    await h.db.chunks
      .toCollection()
      .raw()
      .each((c) => {
        total++;
        if (c.enc === 1) sealed++;
      });
    return { total, sealed };
  });

/** SIGKILL to the browser's whole process group (Playwright starts it as a group leader). */
function killBrowser(profileDir: string): number {
  const pid = Number(execFileSync('pgrep', ['-o', '-f', profileDir]).toString().trim());
  const pgid = Number(
    execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)])
      .toString()
      .trim(),
  );
  expect(pgid).toBeGreaterThan(1);
  process.kill(-pgid, 'SIGKILL');
  return pgid;
}

describe('conversion to an encrypted store, browser killed mid-way', () => {
  let before: Snapshot;

  it('kills the browser while the conversion seals chunks, then resumes after unlock', async () => {
    profile = await mkdtemp(join(tmpdir(), 'protokol-convert-kill-'));
    let ext = await launch({ profile });
    let sw = await ext.worker();
    const gen = await sw.evaluate(
      (o) => (globalThis as unknown as { __protokol: Hooks }).__protokol.generateItems(o),
      // 400 pages with two tags each; every 50th also has a 10 MiB file (three 4 MiB chunks).
      { count: 400, htmlBytes: 3000, bigEvery: 50, bigBytes: 10 * 1024 * 1024, tags: ['a', 'b'] },
    );
    console.log(
      `generated ${gen.ids.length} items, ${(gen.bytes / 1e6).toFixed(1)} MB, in ${gen.ms.toFixed(0)} ms`,
    );
    before = await sw.evaluate(() =>
      (globalThis as unknown as { __protokol: Hooks }).__protokol.storeSnapshot(),
    );
    expect(before.itemCount).toBe(400);
    expect(before.chunks.sealed).toBe(0);
    expect(before.chunks.total).toBe(400 + 8 * 3);
    for (const a of before.artifacts) expect(a.read).toBe(a.recorded);

    // Start the conversion as the settings screen does, without waiting for it.
    await sw.evaluate((pass) => {
      const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
      void h.vaultService.create(pass);
    }, PASS);
    const t0 = Date.now();
    let seen: Marker | null = null;
    const phases = new Set<string>();
    for (;;) {
      seen = await marker(sw);
      if (seen) phases.add(seen.phase);
      if (seen?.phase === 'chunks') break;
      expect(seen?.phase, `the conversion ended before it could be killed`).not.toBe('done');
      expect(Date.now() - t0).toBeLessThan(90_000);
      await new Promise((r) => setTimeout(r, 50));
    }
    const pgid = killBrowser(profile);
    console.log(
      `killed process group ${pgid} after ${Date.now() - t0} ms; marker seen: ${JSON.stringify(seen)}; phases seen: ${[...phases].join(', ')}`,
    );
    await Promise.race([
      ext.ctx.close().catch(() => undefined),
      new Promise((r) => setTimeout(r, 5_000)),
    ]);

    // Relaunch on the same profile: encrypted and locked, conversion not finished.
    ext = await launch({ profile });
    sw = await ext.worker();
    const status = await sw.evaluate(async () => {
      const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
      return (await h.vaultService.status()).status;
    });
    expect(status).toBe('locked');
    const left = await marker(sw);
    expect(left?.phase).toBe('chunks');
    const mid = await chunkCounts(sw);
    console.log(
      `after the kill: marker ${JSON.stringify(left)}, chunks sealed ${mid.sealed}/${mid.total}`,
    );
    expect(mid.total).toBe(before.chunks.total);
    expect(mid.sealed).toBeGreaterThan(0);
    expect(mid.sealed).toBeLessThan(mid.total);

    // Unlock: the conversion carries on by itself from the marker.
    const unlocked = await sw.evaluate(
      (pass) =>
        (globalThis as unknown as { __protokol: Hooks }).__protokol.vaultService.unlock(pass),
      PASS,
    );
    expect(unlocked).toMatchObject({ ok: true, result: 'unlock' });
    await expect
      .poll(async () => (await marker(sw))?.phase, { timeout: 120_000, interval: 250 })
      .toBe('done');

    const after = await sw.evaluate(() =>
      (globalThis as unknown as { __protokol: Hooks }).__protokol.storeSnapshot({ fixity: true }),
    );
    expect(after.items).toBe(before.items);
    expect(after.custody).toBe(before.custody);
    expect(after.custodyCount).toBe(before.custodyCount);
    expect(after.artifacts).toEqual(before.artifacts);
    for (const a of after.artifacts) expect(a.read).toBe(a.recorded);
    expect(after.chunks).toEqual({ total: before.chunks.total, sealed: before.chunks.total });
    expect(after.fixity).toEqual({ items: 400, ok: 400, failed: 0 });
    await ext.close();
  }, 400_000);

  it('a panic wipe during the conversion stops it and leaves a fresh, clear store', async () => {
    const ext = await launch();
    try {
      const sw = await ext.worker();
      await sw.evaluate(
        (o) => (globalThis as unknown as { __protokol: Hooks }).__protokol.generateItems(o),
        { count: 300, tags: ['a'] },
      );
      await sw.evaluate((pass) => {
        const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
        void h.vaultService.create(pass);
      }, PASS);
      await expect
        .poll(async () => (await marker(sw))?.phase, { timeout: 60_000, interval: 50 })
        .toMatch(/^(items|custody)$/);
      console.log('wipe at', JSON.stringify(await marker(sw)));
      const w = await sw.evaluate(() =>
        (globalThis as unknown as { __protokol: Hooks }).__protokol.panicWipe(),
      );
      console.log('wiped', JSON.stringify(w));
      // Give a conversion that did not stop the time to write into the new store.
      await new Promise((r) => setTimeout(r, 2_000));
      const status = await sw.evaluate(() =>
        (globalThis as unknown as { __protokol: Hooks }).__protokol.vaultService.status(),
      );
      expect(status).toMatchObject({ status: 'clear', conversion: null });
      const keys = await sw.evaluate(async () => {
        const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
        return (await h.db.settings.toArray()).map((r) => r.key);
      });
      // Nothing of the conversion or the vault is left in the new store.
      expect(keys.filter((k) => k.startsWith('vault.'))).toEqual([]);
      const after = await sw.evaluate(() =>
        (globalThis as unknown as { __protokol: Hooks }).__protokol.storeSnapshot(),
      );
      expect(after.itemCount).toBe(0);
    } finally {
      await ext.close();
    }
  });
});
