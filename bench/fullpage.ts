/**
 * bench/fullpage: how long the full-page screenshot of a 10,000 px page takes in headless
 * Chromium with the built extension, and the MHTML beside it. The method's floor is Chromium's
 * quota of two captureVisibleTab calls a second: 500 ms per view of the window, whatever the
 * machine; the figures show how close to it each frame comes and what stitching adds.
 * Run: npm run bench:fullpage   (env BENCH_RUNS=n, default 5; needs the e2e build, which the
 * npm script makes). bench/media.ts calls runFullpageBench() for its own report.
 */
import { pathToFileURL } from 'node:url';
import { launch, openPage } from '../e2e/browser';
import { startServer } from '../e2e/server';
import { dumpStore } from '../e2e/store-reader';
import { makeTallPage } from '../e2e/tall-page';
import { median, p95, table } from './stats';

export interface FullpageFigures {
  runs: number;
  page_height_css: number;
  /** Time of the full-page screenshot (views, stitching, band), per capture. */
  fullpage_ms: { median: number; p95: number };
  frames: number;
  /** Time taking the views (scrolling + captureVisibleTab through the quota queue) per view. */
  ms_per_frame: { median: number; floor: number };
  stitch_ms: { median: number };
  mhtml_ms: { median: number; p95: number };
  mhtml_bytes: number;
  /** The save (screenshot, page, MHTML, hashing, store); the full page follows it. */
  capture_total_ms: { median: number };
  image: { width: number; height: number; bytes_raw: number; bytes_banded: number };
}

const QUOTA_FLOOR_MS = 500;

export async function runFullpageBench(
  opts: { runs?: number; height?: number } = {},
): Promise<FullpageFigures> {
  const runs = opts.runs ?? 5;
  const height = opts.height ?? 10_000;
  const server = await startServer();
  server.extra.set('/bench/tall.html', makeTallPage({ height }));
  const ext = await launch();
  const timings: Array<Record<string, number>> = [];
  try {
    for (let i = 0; i < runs; i++) {
      const { page, tabId } = await openPage(ext, server.url('/bench/tall.html'));
      const sw = await ext.worker();
      const res = await sw.evaluate(async (id) => {
        const hooks = (
          globalThis as unknown as {
            __protokol: {
              runCapture(
                id: number,
                caseId: null,
                media: 'none',
                recordFor: undefined,
                fullPage: 'wait',
              ): Promise<{ ok: boolean; timings?: Record<string, number>; error?: unknown }>;
            };
          }
        ).__protokol;
        // Wait for the second phase: its timings join the answer's.
        return hooks.runCapture(id, null, 'none', undefined, 'wait');
      }, tabId);
      if (!res.ok || !res.timings)
        throw new Error(`capture ${i + 1} failed: ${JSON.stringify(res.error)}`);
      timings.push(res.timings);
      await page.close();
    }
    const sw = await ext.worker();
    // tsx (esbuild, keepNames) wraps named functions inside evaluated code in `__name(...)`,
    // which the worker lacks; a string is evaluated as is.
    await sw.evaluate('globalThis.__name = (f) => f');
    const d = await dumpStore(sw, { withBytes: true });
    const item = d.items[0]!;
    const art = (name: string) => item.artifacts.find((a) => a.path.endsWith(`/${name}`))!;
    // The full-page record is in the item's artifact_added event (the image is added after the save).
    const added = d.custody.find((c) => c.item_id === item.id && c.action === 'artifact_added');
    if (!added) throw new Error('the full-page screenshot was not added');
    const record = (
      JSON.parse(added.line) as {
        data: { full_page: { frames: number; width: number; height: number } };
      }
    ).data;
    const size = (name: string) => d.artifacts.find((a) => a.id === art(name).artifact_id)!.size;
    const frames = record.full_page.frames;
    const col = (k: string) => timings.map((t) => t[k] ?? NaN);
    return {
      runs,
      page_height_css: height,
      fullpage_ms: { median: median(col('fullpage')), p95: p95(col('fullpage')) },
      frames,
      ms_per_frame: {
        median: median(col('fullpage_frames')) / frames,
        floor: QUOTA_FLOOR_MS,
      },
      stitch_ms: { median: median(col('fullpage_stitch')) },
      mhtml_ms: { median: median(col('mhtml')), p95: p95(col('mhtml')) },
      mhtml_bytes: size('page.mhtml'),
      capture_total_ms: { median: median(col('total')) },
      image: {
        width: record.full_page.width,
        height: record.full_page.height,
        bytes_raw: size('fullpage-raw.png'),
        bytes_banded: size('fullpage.png'),
      },
    };
  } finally {
    await ext.close();
    await server.close();
  }
}

export function printFullpageFigures(f: FullpageFigures): void {
  const ms = (x: number) => x.toFixed(0);
  console.log(
    `bench/fullpage: ${f.runs} captures of a ${f.page_height_css} px page, headless Chromium, ${new Date().toISOString()}`,
  );
  console.log(
    table([
      {
        what: 'full-page screenshot',
        median: ms(f.fullpage_ms.median),
        p95: ms(f.fullpage_ms.p95),
      },
      { what: 'stitch + band + PNG encode', median: ms(f.stitch_ms.median), p95: '' },
      { what: 'MHTML (pageCapture)', median: ms(f.mhtml_ms.median), p95: ms(f.mhtml_ms.p95) },
      {
        what: 'the save (phase 1, before the full page)',
        median: ms(f.capture_total_ms.median),
        p95: '',
      },
    ]),
  );
  console.log(
    `views: ${f.frames}; ${f.ms_per_frame.median.toFixed(0)} ms per view against the floor of ${f.ms_per_frame.floor} ms (Chromium's 2 captureVisibleTab calls a second)`,
  );
  console.log(
    `image: ${f.image.width} × ${f.image.height} px, ${(f.image.bytes_raw / 1024).toFixed(0)} KB raw, ${(f.image.bytes_banded / 1024).toFixed(0)} KB with the band; MHTML ${(f.mhtml_bytes / 1024).toFixed(0)} KB`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printFullpageFigures(await runFullpageBench({ runs: Number(process.env.BENCH_RUNS ?? 5) }));
}
