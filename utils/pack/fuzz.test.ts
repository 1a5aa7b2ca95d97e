import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPack } from './verify';
import { writePack } from './write';
import {
  makeSigner,
  memoryInput,
  memoryItem,
  memorySink,
  memorySource,
  unzipAll,
} from './test-support';
import type { VerifyReport } from './types';

const CASES = 2000;
const PER_CASE_MS = 5000;
const FIXTURE = fileURLToPath(
  new URL('../../../shared/spec/fixtures/valid.protokol.zip', import.meta.url),
);

/** mulberry32: a small seeded PRNG, so a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (zip: Uint8Array, rnd: () => number) => Uint8Array;
const int = (rnd: () => number, n: number): number => Math.floor(rnd() * n);

function offsetsOf(zip: Uint8Array, sig: number): number[] {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) if (dv.getUint32(i, true) === sig) out.push(i);
  return out;
}

function patch32(zip: Uint8Array, at: number, v: number): Uint8Array {
  const z = zip.slice();
  if (at + 4 <= z.length) new DataView(z.buffer).setUint32(at, v >>> 0, true);
  return z;
}

const HUGE = [0xffffffff, 0xfffffffe, 0x7fffffff, 0x80000000, 1 << 30, 0];
const pick = <T>(rnd: () => number, xs: T[]): T => xs[int(rnd, xs.length)] as T;

const MUTATIONS: Record<string, Mutation> = {
  truncate: (z, r) => z.slice(0, int(r, z.length)),
  flipBytes: (z, r) => {
    const c = z.slice();
    for (let k = 1 + int(r, 4); k > 0; k--) {
      const i = int(r, c.length);
      c[i] = (c[i] ?? 0) ^ (1 + int(r, 255));
    }
    return c;
  },
  badLocalHeader: (z, r) => {
    const at = pick(r, offsetsOf(z, 0x04034b50));
    return patch32(z, at + int(r, 27), int(r, 2 ** 32));
  },
  badCentralHeader: (z, r) => {
    const at = pick(r, offsetsOf(z, 0x02014b50));
    return patch32(z, at + int(r, 43), int(r, 2 ** 32));
  },
  hugeDeclaredSize: (z, r) => {
    const at = pick(r, offsetsOf(z, 0x02014b50));
    return patch32(z, at + pick(r, [20, 24]), pick(r, HUGE));
  },
  badOffset: (z, r) => {
    const at = pick(r, offsetsOf(z, 0x02014b50));
    return patch32(z, at + 42, pick(r, [...HUGE, int(r, z.length)]));
  },
  badEnd: (z, r) => {
    const at = z.length - 22;
    return patch32(z, at + pick(r, [8, 12, 16]), pick(r, [...HUGE, int(r, 0x10000)]));
  },
  insertJunk: (z, r) => {
    const at = int(r, z.length);
    const junk = new Uint8Array(1 + int(r, 64)).map(() => int(r, 256));
    const out = new Uint8Array(z.length + junk.length);
    out.set(z.subarray(0, at));
    out.set(junk, at);
    out.set(z.subarray(at), at + junk.length);
    return out;
  },
  duplicateName: (z, r) => {
    // Copy one central directory name over another of the same length (item paths often are).
    const cds = offsetsOf(z, 0x02014b50);
    const dv = new DataView(z.buffer, z.byteOffset, z.byteLength);
    const a = pick(r, cds);
    const la = dv.getUint16(a + 28, true);
    const same = cds.filter((b) => b !== a && dv.getUint16(b + 28, true) === la);
    if (!same.length) return MUTATIONS.flipBytes?.(z, r) ?? z;
    const c = z.slice();
    const b = pick(r, same);
    c.set(z.subarray(a + 46, a + 46 + la), b + 46);
    return c;
  },
};

/** The entries as another implementation (zip.js) reads them, or undefined when it cannot. */
async function contentOf(zip: Uint8Array): Promise<Map<string, Uint8Array> | undefined> {
  try {
    const reader = new ZipReader(new Uint8ArrayReader(zip), {
      useWebWorkers: false,
      checkSignature: false,
    });
    const out = new Map<string, Uint8Array>();
    for (const e of await reader.getEntries())
      if (!e.directory) out.set(e.filename, await e.getData(new Uint8ArrayWriter()));
    return out;
  } catch {
    return undefined;
  }
}

function sameContent(a: Map<string, Uint8Array>, b: Map<string, Uint8Array>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || w.length !== v.length || w.some((x, i) => x !== v[i])) return false;
  }
  return true;
}

function withTimeout(p: Promise<VerifyReport>, label: string): Promise<VerifyReport> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`verifyPack hung on ${label}`)), PER_CASE_MS);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

describe('fuzzing verifyPack', () => {
  const bases: Array<{ name: string; zip: Uint8Array; content: Map<string, Uint8Array> }> = [];

  beforeAll(async () => {
    const fixture = new Uint8Array(readFileSync(FIXTURE));
    const item = memoryItem('3f2c7a1e-8b4d-4c55-9a1e-0d6b2f7c9e10', [
      {
        name: 'page.html',
        role: 'html_snapshot',
        media_type: 'text/html',
        bytes: new TextEncoder().encode('<p>x</p>'.repeat(50)),
      },
      {
        name: 'shot.png',
        role: 'screenshot',
        media_type: 'image/png',
        bytes: new Uint8Array(300).map((_, i) => i),
      },
    ]);
    const { sink, bytes } = memorySink();
    await writePack(memoryInput([item]), sink, await makeSigner());
    for (const [name, zip] of [
      ['fixture', fixture],
      ['ours', bytes()],
    ] as const)
      bases.push({ name, zip, content: await unzipAll(zip) });
  });

  it(
    `${CASES} seeded mutations always resolve, and are never valid when content changed`,
    { timeout: 120_000 },
    async () => {
      const rnd = prng(20261122);
      const names = Object.keys(MUTATIONS);
      const seen: Record<string, number> = {};
      for (let i = 0; i < CASES; i++) {
        const base = pick(rnd, bases);
        const kind = pick(rnd, names);
        const mutated = MUTATIONS[kind]?.(base.zip, rnd) ?? base.zip;
        const label = `case ${i} (${kind} on ${base.name})`;
        const r = await withTimeout(verifyPack(memorySource(mutated)), label);
        expect(['valid', 'invalid', 'unreadable'], label).toContain(r.status);
        seen[`${kind}:${r.status}`] = (seen[`${kind}:${r.status}`] ?? 0) + 1;
        if (r.status === 'valid') {
          // Valid is only acceptable when another ZIP reader extracts exactly the original files
          // (e.g. a flipped byte in a CRC, a date or an unused field).
          const content = await contentOf(mutated);
          expect(
            content && sameContent(content, base.content),
            `${label} was called valid but its content changed`,
          ).toBe(true);
        }
      }
      if (process.env.FUZZ_STATS) console.log(seen);
      // The run must have exercised refusals, not only harmless flips.
      expect(Object.entries(seen).filter(([k]) => !k.endsWith(':valid')).length).toBeGreaterThan(
        10,
      );
    },
  );
});
