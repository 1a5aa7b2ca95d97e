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
import { rawZip, type RawEntry } from './test-zip';
import type { VerifyOptions, VerifyReport } from './types';
import { readZipDirectory } from './zip-read';
import { streamEntry } from './zip-entry';

const ID = '3f2c7a1e-8b4d-4c55-9a1e-0d6b2f7c9e10';
const PAGE = `items/${ID}/page.html`;
const enc = new TextEncoder();
let base: RawEntry[] = [];

beforeAll(async () => {
  const item = memoryItem(ID, [
    {
      name: 'page.html',
      role: 'html_snapshot',
      media_type: 'text/html',
      bytes: enc.encode('<p>evidence</p>'),
    },
  ]);
  const { sink, bytes } = memorySink();
  await writePack(memoryInput([item]), sink, await makeSigner());
  base = [...(await unzipAll(bytes()))].map(([name, data]) => ({ name, data, method: 8 as const }));
});

async function check(entries: RawEntry[], opts: VerifyOptions = {}): Promise<VerifyReport> {
  return verifyPack(memorySource(await rawZip(entries)), opts);
}

function failed(r: VerifyReport): Array<[string, string | undefined]> {
  return r.checks.filter((c) => !c.ok).map((c) => [c.id, c.entry]);
}

function replace(name: string, patch: Partial<RawEntry>): RawEntry[] {
  return base.map((e) => (e.name === name ? { ...e, ...patch } : e));
}

describe('hostile archives get a clean answer', () => {
  it('the base pack is valid', async () => {
    expect((await check(base)).status).toBe('valid');
  });

  it('a zip bomb (inflates past its declared size) fails on that entry, quickly', async () => {
    const bomb = new Uint8Array(16 << 20); // 16 MiB of zeros deflate to ~16 KiB
    const t = performance.now();
    const r = await check(replace(PAGE, { data: bomb, declaredSize: 15 }));
    expect(performance.now() - t).toBeLessThan(5000);
    expect(r.status).toBe('invalid');
    expect(r.checks.find((c) => c.id === 'files' && c.entry === PAGE)?.message).toMatch(
      /inflates to more than/,
    );
  });

  it('a declared size impossible for deflate is refused without inflating', async () => {
    const zip = await rawZip(replace(PAGE, { declaredSize: 0xfffffff0 }));
    const dir = await readZipDirectory(memorySource(zip), {
      maxEntries: 100,
      maxCentralDirectoryBytes: 1 << 20,
    });
    const e = dir.entries.find((x) => x.name === PAGE);
    if (!e) throw new Error('fixture');
    const drain = async () => {
      for await (const _ of streamEntry(memorySource(zip), e, { chunkSize: 1024 })) void _;
    };
    await expect(drain()).rejects.toThrow(/impossible for \d+ deflated bytes/);
    // In a pack, the size differing from manifest files is reported before any reading.
    const r = await check(replace(PAGE, { declaredSize: 0xfffffff0 }));
    expect(r.checks.find((c) => c.id === 'files' && c.entry === PAGE)?.message).toMatch(
      /is 4294967280 bytes, manifest files says/,
    );
  });

  it('a manifest bigger than the bound makes the pack unreadable', async () => {
    const r = await check(base, { maxManifestBytes: 100 });
    expect(r.status).toBe('unreadable');
    expect(failed(r)).toEqual([['manifest', 'manifest.json']]);
  });

  it('a manifest that inflates past its declared size makes the pack unreadable', async () => {
    const r = await check(replace('manifest.json', { declaredSize: 10 }));
    expect(r.status).toBe('unreadable');
  });

  it('thousands of entries are handled, and more than the bound is refused', async () => {
    const many = [
      ...base,
      ...Array.from({ length: 5000 }, (_, i) => ({
        name: `items/${ID}/x${i}.txt`,
        data: enc.encode(String(i)),
      })),
    ];
    const t = performance.now();
    const r = await check(many);
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(r.status).toBe('invalid');
    expect(r.checks.filter((c) => c.id === 'files' && !c.ok)).toHaveLength(5000);
    expect((await check(many, { maxEntries: 1000 })).status).toBe('unreadable');
  });

  it('names: too long, deep, absolute, backslash, NUL, not UTF-8, duplicate, symlink', async () => {
    const long = `items/${'a/'.repeat(130)}x`;
    const cases: Array<[RawEntry, string]> = [
      [{ name: long, data: enc.encode('x') }, long],
      [{ name: '/etc/passwd', data: enc.encode('x') }, '/etc/passwd'],
      [{ name: 'items\\x', data: enc.encode('x') }, 'items\\x'],
      [{ name: 'a\0b', data: enc.encode('x') }, 'a\0b'],
      [{ name: new Uint8Array([0x61, 0xff, 0x62]), data: enc.encode('x') }, 'a\ufffdb'],
      [{ name: 'link', data: enc.encode('/etc/passwd'), unixMode: 0o120777 }, 'link'],
      [{ name: 'VERIFY.txt', data: enc.encode('second copy') }, 'VERIFY.txt'],
    ];
    for (const [entry, name] of cases) {
      const r = await check([...base, entry]);
      expect(r.status, name).toBe('invalid');
      expect(failed(r), name).toContainEqual(['entry-names', name]);
    }
    // A deep but short enough path is a legal name (it fails only as an unlisted file).
    const deep = `items/${'d/'.repeat(100)}x`;
    expect(failed(await check([...base, { name: deep, data: enc.encode('x') }]))).toEqual([
      ['files', deep],
      ['sha256sums', deep],
    ]);
  });

  it('a local header that names another file than the central directory is refused', async () => {
    const r = await check(replace(PAGE, { localName: `items/${ID}/other.html` }));
    expect(failed(r)).toContainEqual(['files', PAGE]);
    expect(r.checks.find((c) => c.entry === PAGE)?.message).toMatch(
      /local header names another file/,
    );
  });

  it('entries sharing their data (overlapping zip bomb) are refused', async () => {
    const zip = await rawZip(base);
    // Point the second central record at the first entry's local header.
    const dv = new DataView(zip.buffer);
    const eocd = zip.length - 22;
    const cd = dv.getUint32(eocd + 16, true);
    const firstLen = 46 + dv.getUint16(cd + 28, true);
    dv.setUint32(cd + firstLen + 42, 0, true);
    const r = await verifyPack(memorySource(zip));
    expect(r.status).not.toBe('valid');
  });

  it('every truncation of the pack is unreadable', async () => {
    const zip = await rawZip(base);
    for (let n = 0; n < zip.length; n += Math.max(1, Math.floor(zip.length / 200))) {
      expect((await verifyPack(memorySource(zip.slice(0, n)))).status).toBe('unreadable');
    }
  });

  it('a source that fails to read gives unreadable, not an exception', async () => {
    const zip = await rawZip(base);
    const r = await verifyPack({ size: zip.length, read: () => Promise.reject(new Error('EIO')) });
    expect(r.status).toBe('unreadable');
    const short = await verifyPack({
      size: zip.length * 2,
      read: async (o, n) => zip.slice(o, o + n),
    });
    expect(short.status).toBe('unreadable');
  });
});
