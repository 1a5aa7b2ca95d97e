import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyPack } from './verify';
import { memorySource } from './test-support';
import { blobSource } from './blob-source';

// The spec's fixtures live beside the repository (shared/spec); a missing file fails the test.
const FIXTURES = fileURLToPath(new URL('../../../shared/spec/fixtures', import.meta.url));
const ITEM = '3f2c7a1e-8b4d-4c55-9a1e-0d6b2f7c9e10';

async function verifyFixture(name: string) {
  return verifyPack(memorySource(new Uint8Array(readFileSync(`${FIXTURES}/${name}`))));
}

describe('verifyPack on the reference fixtures', () => {
  it('accepts valid.protokol.zip with every step passing', async () => {
    const r = await verifyFixture('valid.protokol.zip');
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.status).toBe('valid');
    expect(r.signer).toEqual({
      key_id: '951b3c88cda0a71eaa82bb140dd8849feb42ce50bdb84bfef3810f11aa69fa10',
    });
    expect(r).toMatchObject({ items: 1, files: 5 });
    expect(new Set(r.checks.map((c) => c.id))).toEqual(
      new Set([
        'zip',
        'entry-names',
        'manifest',
        'key-id',
        'signature',
        'files',
        'sha256sums',
        'item',
        'custody',
      ]),
    );
    expect(r.manifest_timestamp).toBeUndefined();
  });

  // Each fixture differs from valid.protokol.zip in one place (checked with diff -r): the
  // expected culprit is hard-coded.
  it('tampered-page-edited: page.html no longer has its listed SHA-256', async () => {
    const r = await verifyFixture('tampered-page-edited.protokol.zip');
    expect(r.status).toBe('invalid');
    expect(r.checks.filter((c) => !c.ok)).toEqual([
      expect.objectContaining({ id: 'files', entry: `items/${ITEM}/page.html` }),
    ]);
  });

  it('tampered-manifest-edited: the signature fails over manifest.json, nothing else', async () => {
    const r = await verifyFixture('tampered-manifest-edited.protokol.zip');
    expect(r.status).toBe('invalid');
    expect(r.checks.filter((c) => !c.ok)).toEqual([
      expect.objectContaining({ id: 'signature', entry: 'manifest.json' }),
    ]);
  });

  it('tampered-extra-file: items/extra.txt is in neither files nor SHA256SUMS', async () => {
    const r = await verifyFixture('tampered-extra-file.protokol.zip');
    expect(r.status).toBe('invalid');
    const failed = r.checks.filter((c) => !c.ok);
    expect(failed.map((c) => [c.id, c.entry])).toEqual([
      ['files', 'items/extra.txt'],
      ['sha256sums', 'items/extra.txt'],
    ]);
  });
});

describe('verifyPack on a Blob (as the extension reads a picked File)', () => {
  it('gives the same answer through blobSource', async () => {
    const bytes = readFileSync(`${FIXTURES}/tampered-page-edited.protokol.zip`);
    const r = await verifyPack(blobSource(new Blob([new Uint8Array(bytes)])));
    expect(r.checks.filter((c) => !c.ok).map((c) => c.entry)).toEqual([`items/${ITEM}/page.html`]);
  });
});

describe('verifyPack on things that are not packs', () => {
  it('calls an empty file, random bytes and a ZIP without manifest unreadable', async () => {
    expect((await verifyPack(memorySource(new Uint8Array(0)))).status).toBe('unreadable');
    expect(
      (await verifyPack(memorySource(crypto.getRandomValues(new Uint8Array(5000))))).status,
    ).toBe('unreadable');
    const { rawZip } = await import('./test-zip');
    const noManifest = await rawZip([{ name: 'a.txt', data: new Uint8Array([1, 2, 3]) }]);
    const r = await verifyPack(memorySource(noManifest));
    expect(r.status).toBe('unreadable');
    expect(r.checks.find((c) => !c.ok)).toMatchObject({ id: 'manifest', entry: 'manifest.json' });
    const notJson = await rawZip([
      { name: 'manifest.json', data: new TextEncoder().encode('{nope') },
    ]);
    expect((await verifyPack(memorySource(notJson))).status).toBe('unreadable');
  });

  it('calls a JSON manifest of another format invalid, naming manifest.json', async () => {
    const { rawZip } = await import('./test-zip');
    const zip = await rawZip([
      {
        name: 'manifest.json',
        data: new TextEncoder().encode('{"format":"other","format_version":1}'),
      },
    ]);
    const r = await verifyPack(memorySource(zip));
    expect(r.status).toBe('invalid');
    expect(r.checks).toContainEqual(
      expect.objectContaining({ id: 'manifest', ok: false, entry: 'manifest.json' }),
    );
  });
});
