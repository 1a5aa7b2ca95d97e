import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPack } from './verify';
import { writePack } from './write';
import {
  makeSigner,
  memoryInput,
  memoryItem,
  memorySink,
  memorySource,
  randomBytes,
} from './test-support';

const ID = '3f2c7a1e-8b4d-4c55-9a1e-0d6b2f7c9e10';

function hasSignature(bytes: Uint8Array, sig: number): boolean {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 4 <= bytes.length; i++) if (dv.getUint32(i, true) === sig) return true;
  return false;
}

// Entries over 4 GiB are too slow for CI (bench/pack.mjs covers GB sizes): force ZIP64 on
// small data instead, which exercises the same records.
describe('ZIP64', () => {
  it('a pack written with forced ZIP64 passes unzip -t and our verifier', async () => {
    const item = memoryItem(ID, [
      { name: 'video.mp4', role: 'media', media_type: 'video/mp4', bytes: randomBytes(200_000) },
      {
        name: 'page.html',
        role: 'html_snapshot',
        media_type: 'text/html',
        bytes: new TextEncoder().encode('<p>x</p>'.repeat(2000)),
      },
    ]);
    const { sink, bytes } = memorySink();
    await writePack(memoryInput([item]), sink, await makeSigner(), { forceZip64: true });
    const zip = bytes();
    expect(hasSignature(zip, 0x06064b50)).toBe(true); // ZIP64 end of central directory record
    expect(hasSignature(zip, 0x07064b50)).toBe(true); // and its locator
    const dir = mkdtempSync(join(tmpdir(), 'protokol-zip64-'));
    try {
      writeFileSync(join(dir, 'p.zip'), zip);
      const t = spawnSync('unzip', ['-t', 'p.zip'], { cwd: dir, encoding: 'utf8' });
      expect(t.stdout).toContain('No errors detected');
      expect(t.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const r = await verifyPack(memorySource(zip));
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.status).toBe('valid');
  });
});
