import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimestampHook } from '../tsa/client';
import { buildTimestampRequest } from '../tsa/request';
import { startTestAuthority, type TestAuthority } from '../tsa/test-authority';
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
import { rawZip } from './test-zip';

const ID = '3f2c7a1e-8b4d-4c55-9a1e-0d6b2f7c9e10';
let tsa: TestAuthority;
beforeAll(async () => {
  tsa = await startTestAuthority();
}, 60_000);
afterAll(async () => tsa.close());

const item = () =>
  memoryItem(ID, [
    {
      name: 'page.html',
      role: 'html_snapshot',
      media_type: 'text/html',
      bytes: new TextEncoder().encode('<p>x</p>'),
    },
  ]);

describe('packs with an RFC 3161 timestamp of the manifest', () => {
  it('writes manifest.tsr and tsa-chain.pem; our verifier reports the time and openssl ts -verify accepts it', async () => {
    const { sink, bytes } = memorySink();
    const result = await writePack(memoryInput([item()]), sink, await makeSigner(), {
      timestamp: createTimestampHook(tsa.url, tsa.caPem),
    });
    expect(result.timestamp?.time).toMatch(/Z$/);
    const zip = bytes();
    const r = await verifyPack(memorySource(zip), { tsaTrustedPem: tsa.caPem });
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.manifest_timestamp).toEqual({
      time: result.timestamp?.time,
      tsa: 'CN=Protokol Test TSA, O=Protokol tests',
      ok: true,
    });
    const dir = join(tsa.dir, 'pack');
    mkdirSync(dir);
    for (const [name, data] of await unzipAll(zip)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), data);
    }
    const v = spawnSync(
      'openssl',
      [
        'ts',
        '-verify',
        '-data',
        'manifest.json',
        '-in',
        'manifest.tsr',
        '-CAfile',
        'tsa-chain.pem',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(v.stdout).toContain('Verification: OK');
    const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    expect(sums.status).toBe(0);
  });

  it('a manifest.tsr for other data fails the timestamp check on manifest.tsr', async () => {
    const { sink, bytes } = memorySink();
    await writePack(memoryInput([item()]), sink, await makeSigner(), {
      timestamp: createTimestampHook(tsa.url, tsa.caPem),
    });
    const entries = await unzipAll(bytes());
    entries.set('manifest.tsr', tsa.reply(buildTimestampRequest(new Uint8Array(32))));
    const r = await verifyPack(
      memorySource(await rawZip([...entries].map(([name, data]) => ({ name, data })))),
    );
    expect(r.status).toBe('invalid');
    expect(r.checks.filter((c) => !c.ok)).toEqual([
      expect.objectContaining({ id: 'timestamp', entry: 'manifest.tsr' }),
    ]);
    expect(r.manifest_timestamp?.ok).toBe(false);
  });

  it('a failing TSA stops the export unless continueWithoutTimestamp is set', async () => {
    const down = createTimestampHook(
      'http://127.0.0.1:9/',
      '',
      async () => new Response('down', { status: 503 }),
    );
    const a = memorySink();
    await expect(
      writePack(memoryInput([item()]), a.sink, await makeSigner(), { timestamp: down }),
    ).rejects.toMatchObject({ code: 'timestamp', custodyAppended: true });
    expect(a.state.aborted).toBe(true);
    expect(a.bytes().length).toBe(0);
    const b = memorySink();
    const result = await writePack(memoryInput([item()]), b.sink, await makeSigner(), {
      timestamp: down,
      continueWithoutTimestamp: true,
    });
    expect(result.timestamp).toBeUndefined();
    const r = await verifyPack(memorySource(b.bytes()));
    expect(r.status).toBe('valid');
    expect(r.manifest_timestamp).toBeUndefined();
  });
});
