// Evidence pack benchmark: export (writePack) and verify (verifyPack, as the CLI runs it) on
// packs of random media, against sha256sum over the same payload and openssl's SHA-256 ceiling.
//
//   npx tsx bench/pack.mjs                      sizes 100 MB and 2 GB
//   PACK_BENCH_SIZES=100,2048,4608 npx tsx bench/pack.mjs
//   PACK_BENCH_REPEAT=5 (verify and sha256sum runs per size; export runs 3 times below 1 GB)
//
// Each measured phase runs in its own child process under /usr/bin/time -v (when present), so
// its peak RSS is its own. Payload files are streamed to a temp dir and removed at the end.
// Files are read warm from the page cache in every phase, sha256sum included.
import { spawnSync } from 'node:child_process';
import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
  createReadStream,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = 1e6;
const MiB = 1 << 20;
const ARTIFACT_MAX = 256 * MiB;

/** Samples RSS every 20 ms; returns a getter for the peak (MB). */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  t.unref();
  return () => Math.max(peak, process.memoryUsage().rss) / MB;
}

/** Streams `bytes` of AES-CTR keystream (fast, incompressible) into `file`; returns its SHA-256. */
function writeRandomFile(file, bytes) {
  const cipher = createCipheriv('aes-128-ctr', randomBytes(16), randomBytes(16));
  const zeros = Buffer.alloc(4 * MiB);
  const h = createHash('sha256');
  const fd = openSync(file, 'w');
  for (let done = 0; done < bytes;) {
    const n = Math.min(zeros.length, bytes - done);
    const chunk = cipher.update(zeros.subarray(0, n));
    h.update(chunk);
    writeSync(fd, chunk);
    done += n;
  }
  closeSync(fd);
  return h.digest('hex');
}

function generate(dir, sizeMB) {
  const total = Math.round(sizeMB * MB);
  const artifacts = [];
  for (let done = 0, i = 0; done < total; i++) {
    const size = Math.min(ARTIFACT_MAX, total - done);
    const file = join(dir, `media-${i}.mp4`);
    artifacts.push({ id: randomUUID(), file, size, sha256: writeRandomFile(file, size) });
    done += size;
  }
  return artifacts;
}

// ---- child phases -------------------------------------------------------------------------

async function childExport(spec) {
  const { writePack } = await import('../utils/pack/write.ts');
  const { custodyFor, makeSigner, memoryInput } = await import('../utils/pack/test-support.ts');
  const { nodeSha256 } = await import('../cli/node-source.ts');
  const peak = rssSampler();
  const items = spec.artifacts.map((a) => {
    const ref = { role: 'media', path: `items/${a.id}/video.mp4`, sha256: a.sha256 };
    const custody = custodyFor([ref]);
    return {
      fields: {
        id: a.id,
        kind: 'video',
        url: 'https://example.org/v',
        title: 'bench',
        captured_at: '2026-11-22T10:00:00.000Z',
        source: {},
        environment: {},
        artifacts: [ref],
        custody_head: createHash('sha256').update(custody.at(-1)).digest('hex'),
        detection: null,
        tags: [],
        notes: '',
      },
      custody,
      artifacts: [
        {
          path: ref.path,
          sha256: a.sha256,
          size: a.size,
          media_type: 'video/mp4',
          open: () => createReadStream(a.file, { highWaterMark: 4 * MiB }),
        },
      ],
    };
  });
  const fh = await open(spec.pack, 'w');
  const sink = new WritableStream({
    write: async (c) => void (await fh.write(c)),
    close: () => fh.close(),
    abort: () => fh.close(),
  });
  const t = performance.now();
  const r = await writePack(memoryInput(items), sink, await makeSigner(), { hasher: nodeSha256 });
  return { seconds: (performance.now() - t) / 1000, bytes: r.bytes, peakRssMB: peak() };
}

async function childVerify(spec) {
  const { verifyPack } = await import('../utils/pack/verify.ts');
  const { nodeSha256, openFileSource } = await import('../cli/node-source.ts');
  const peak = rssSampler();
  const t = performance.now();
  const src = await openFileSource(spec.pack);
  const r = await verifyPack(src, { hasher: nodeSha256, chunkSize: 4 * MiB });
  await src.close();
  if (r.status !== 'valid')
    throw new Error(`bench pack is ${r.status}: ${JSON.stringify(r.checks.filter((c) => !c.ok))}`);
  return { seconds: (performance.now() - t) / 1000, bytes: src.size, peakRssMB: peak() };
}

// ---- orchestration ------------------------------------------------------------------------

const hasTime = existsSync('/usr/bin/time');

function runChild(phase, specFile) {
  const cmd = [process.execPath, '--import', 'tsx', SELF, '--child', phase, specFile];
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-v', ...cmd], { cwd: ROOT, encoding: 'utf8' })
    : spawnSync(cmd[0], cmd.slice(1), { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${phase} failed:\n${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  const max = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  if (max) out.maxRssMB = (Number(max[1]) * 1024) / MB;
  return out;
}

function timeSha256sum(files) {
  const t = performance.now();
  const r = spawnSync('sha256sum', files, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return (performance.now() - t) / 1000;
}

function opensslCeiling() {
  const r = spawnSync('openssl', ['speed', '-evp', 'sha256', '-bytes', '16384', '-seconds', '2'], {
    encoding: 'utf8',
  });
  const m = /sha256\s+([\d.]+)k\s*$/m.exec(r.stdout ?? '');
  return m ? (Number(m[1]) * 1000) / MB : NaN;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

function row(phase, sizeMB, runs, bytes, extra = {}) {
  const secs = runs.map((r) => r.seconds);
  const med = quantile(secs, 0.5);
  const peaks = runs.map((r) => r.maxRssMB ?? r.peakRssMB).filter((x) => x !== undefined);
  return {
    phase,
    size: `${sizeMB} MB`,
    runs: runs.length,
    median_s: med.toFixed(2),
    p95_s: quantile(secs, 0.95).toFixed(2),
    MB_s: (bytes / MB / med).toFixed(0),
    peak_rss_MB: peaks.length ? Math.max(...peaks).toFixed(0) : '-',
    ...extra,
  };
}

async function main() {
  const sizes = (process.env.PACK_BENCH_SIZES ?? '100,2048')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const repeat = Number(process.env.PACK_BENCH_REPEAT ?? 3);
  const rows = [];
  const ceiling = opensslCeiling();
  for (const sizeMB of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'protokol-bench-'));
    try {
      process.stderr.write(`generating ${sizeMB} MB of random media in ${dir}\n`);
      const artifacts = generate(dir, sizeMB);
      const payload = artifacts.reduce((s, a) => s + a.size, 0);
      const spec = join(dir, 'spec.json');
      writeFileSync(spec, JSON.stringify({ artifacts, pack: join(dir, 'pack.protokol.zip') }));
      const exportRuns = [];
      for (let i = 0; i < (sizeMB < 1000 ? 3 : 1); i++) exportRuns.push(runChild('export', spec));
      rows.push(row('export', sizeMB, exportRuns, payload));
      const verifyRuns = Array.from({ length: repeat }, () => runChild('verify', spec));
      const sumRuns = Array.from({ length: repeat }, () => ({
        seconds: timeSha256sum(artifacts.map((a) => a.file)),
      }));
      const v = row('verify', sizeMB, verifyRuns, verifyRuns[0].bytes);
      const s = row('sha256sum', sizeMB, sumRuns, payload);
      v.ratio_vs_sha256sum = (Number(v.MB_s) / Number(s.MB_s)).toFixed(2);
      rows.push(v, s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rows.push({
    phase: 'openssl speed -evp sha256 (16 KiB blocks)',
    size: '-',
    runs: 1,
    median_s: '-',
    p95_s: '-',
    MB_s: ceiling.toFixed(0),
    peak_rss_MB: '-',
  });
  console.table(rows);
  mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/out/pack.json'),
    JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2),
  );
}

const childAt = process.argv.indexOf('--child');
if (childAt !== -1) {
  const phase = process.argv[childAt + 1];
  const spec = JSON.parse(readFileSync(process.argv[childAt + 2], 'utf8'));
  const result = phase === 'export' ? await childExport(spec) : await childVerify(spec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await main();
}
