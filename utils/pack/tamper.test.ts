import { describe, expect, it } from 'vitest';
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
import { sha256HexOf, toHex } from './sha256';
import { toPem } from './pem';
import { buildSha256Sums } from './sums';

const ID = '3f2c7a1e-8b4d-4c55-9a1e-0d6b2f7c9e10';
const PAGE = `items/${ID}/page.html`;
const SHOT = `items/${ID}/screenshot.png`;
const LOG = `items/${ID}/custody.jsonl`;
const enc = new TextEncoder();
const dec = new TextDecoder();

interface Manifest {
  files: Array<{ path: string; sha256: string; size: number }>;
  items: Array<{ id: string; title: string; custody_head: string }>;
}

async function ourPack() {
  const signer = await makeSigner();
  const item = memoryItem(ID, [
    {
      name: 'page.html',
      role: 'html_snapshot',
      media_type: 'text/html',
      bytes: enc.encode('<p>три человека</p>'),
    },
    {
      name: 'screenshot.png',
      role: 'screenshot',
      media_type: 'image/png',
      bytes: crypto.getRandomValues(new Uint8Array(3000)),
    },
  ]);
  const { sink, bytes } = memorySink();
  await writePack(memoryInput([item]), sink, signer);
  return { signer, entries: await unzipAll(bytes()) };
}

async function verifyEntries(entries: Map<string, Uint8Array>) {
  const zip = await rawZip(
    [...entries].map(([name, data]) => ({ name, data, method: 8 as const })),
  );
  return verifyPack(memorySource(zip));
}

function failures(r: Awaited<ReturnType<typeof verifyPack>>) {
  return r.checks
    .filter((c) => !c.ok)
    .map((c) => ({ id: c.id, entry: c.entry, ...(c.item ? { item: c.item } : {}) }));
}

async function resign(
  entries: Map<string, Uint8Array>,
  key: CryptoKey,
  edit: (m: Manifest) => void,
): Promise<void> {
  const m = JSON.parse(dec.decode(entries.get('manifest.json'))) as Manifest;
  edit(m);
  const bytes = enc.encode(JSON.stringify(m, null, 2));
  entries.set('manifest.json', bytes);
  entries.set('manifest.sig', new Uint8Array(await crypto.subtle.sign('Ed25519', key, bytes)));
}

describe('tampering with a pack we wrote', () => {
  it('our untouched pack, re-zipped by another tool, stays valid', async () => {
    const { entries } = await ourPack();
    expect(failures(await verifyEntries(entries))).toEqual([]);
  });

  it('an edited artifact fails the files check on that artifact', async () => {
    const { entries } = await ourPack();
    entries.set(PAGE, enc.encode('<p>два человека</p>'));
    const f = failures(await verifyEntries(entries));
    expect(f).toContainEqual({ id: 'files', entry: PAGE });
    expect(f.every((x) => x.entry === PAGE)).toBe(true);
  });

  it('a dropped file fails files (and SHA256SUMS) on that file', async () => {
    const { entries } = await ourPack();
    entries.delete(SHOT);
    const f = failures(await verifyEntries(entries));
    expect(f).toContainEqual({ id: 'files', entry: SHOT });
    expect(f).toContainEqual({ id: 'sha256sums', entry: SHOT });
  });

  it('an added file fails files and SHA256SUMS on that file', async () => {
    const { entries } = await ourPack();
    entries.set(`items/${ID}/added.txt`, enc.encode('planted'));
    expect(failures(await verifyEntries(entries))).toEqual([
      { id: 'files', entry: `items/${ID}/added.txt` },
      { id: 'sha256sums', entry: `items/${ID}/added.txt` },
    ]);
  });

  it('an edited manifest.json fails the signature on manifest.json only', async () => {
    const { entries } = await ourPack();
    const text = dec
      .decode(entries.get('manifest.json'))
      .replace('https://example.org/', 'https://example.net/');
    entries.set('manifest.json', enc.encode(text));
    expect(failures(await verifyEntries(entries))).toEqual([
      { id: 'signature', entry: 'manifest.json' },
    ]);
  });

  it('a rewritten custody line, with files and SHA256SUMS fixed and re-signed, fails only the chain', async () => {
    const { entries, signer } = await ourPack();
    const lines = dec.decode(entries.get(LOG)).split('\n');
    // Back-date the capture by a year: line 1's prev no longer matches line 0.
    lines[0] = (lines[0] ?? '').replace('"at":"2026', '"at":"2025');
    const log = enc.encode(lines.join('\n'));
    entries.set(LOG, log);
    await resign(entries, signer.privateKey, (m) => {
      const f = m.files.find((x) => x.path === LOG);
      if (f) Object.assign(f, { sha256: sha256HexOf(log), size: log.length });
      entries.set('SHA256SUMS', enc.encode(buildSha256Sums(m.files)));
    });
    expect(failures(await verifyEntries(entries))).toEqual([
      { id: 'custody', entry: LOG, item: ID },
    ]);
  });

  it('a custody_head that skips the last event fails the custody check', async () => {
    const { entries, signer } = await ourPack();
    const lines = dec.decode(entries.get(LOG)).trimEnd().split('\n');
    await resign(entries, signer.privateKey, (m) => {
      const it = m.items[0];
      if (it) it.custody_head = sha256HexOf(enc.encode(lines[lines.length - 2] ?? ''));
    });
    expect(failures(await verifyEntries(entries))).toEqual([
      { id: 'custody', entry: LOG, item: ID },
    ]);
  });

  it('another key in signer.pem fails key-id (and the signature)', async () => {
    const { entries } = await ourPack();
    const other = await makeSigner();
    entries.set('signer.pem', enc.encode(toPem('PUBLIC KEY', other.spkiDer)));
    expect(failures(await verifyEntries(entries))).toEqual([
      { id: 'key-id', entry: 'signer.pem' },
      { id: 'signature', entry: 'manifest.json' },
    ]);
  });

  it('a pack re-signed by another key, with its signer.pem, fails key-id only', async () => {
    const { entries } = await ourPack();
    const other = await makeSigner();
    entries.set('signer.pem', enc.encode(toPem('PUBLIC KEY', other.spkiDer)));
    await resign(entries, other.privateKey, () => undefined);
    expect(failures(await verifyEntries(entries))).toEqual([{ id: 'key-id', entry: 'signer.pem' }]);
  });

  it('a non-Ed25519 key in signer.pem fails key-id', async () => {
    const { entries } = await ourPack();
    const ec = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
    ]);
    entries.set(
      'signer.pem',
      enc.encode(
        toPem('PUBLIC KEY', new Uint8Array(await crypto.subtle.exportKey('spki', ec.publicKey))),
      ),
    );
    const r = await verifyEntries(entries);
    expect(r.checks.find((c) => c.id === 'key-id' && !c.ok)?.message).toMatch(
      /not an Ed25519 key \(algorithm 1\.2\.840\.10045\.2\.1\)/,
    );
  });

  it('an entry named ../x fails entry-names on it', async () => {
    const { entries } = await ourPack();
    entries.set('../x', enc.encode('escape'));
    const f = failures(await verifyEntries(entries));
    expect(f).toContainEqual({ id: 'entry-names', entry: '../x' });
    expect(f.every((x) => x.entry === '../x')).toBe(true);
  });

  it('a missing or truncated manifest.sig fails the signature on manifest.sig', async () => {
    const { entries } = await ourPack();
    entries.set('manifest.sig', (entries.get('manifest.sig') ?? new Uint8Array()).slice(0, 63));
    expect(failures(await verifyEntries(entries))).toEqual([
      { id: 'signature', entry: 'manifest.sig' },
    ]);
    entries.delete('manifest.sig');
    expect(failures(await verifyEntries(entries))).toEqual([
      { id: 'signature', entry: 'manifest.sig' },
    ]);
  });

  it('an edited SHA256SUMS fails the sha256sums check on the edited path', async () => {
    const { entries } = await ourPack();
    const sums = dec.decode(entries.get('SHA256SUMS'));
    const hash = sums.match(new RegExp(`^([0-9a-f]{64})  ${PAGE}$`, 'm'))?.[1] ?? '';
    entries.set('SHA256SUMS', enc.encode(sums.replace(hash, toHex(new Uint8Array(32)))));
    expect(failures(await verifyEntries(entries))).toEqual([{ id: 'sha256sums', entry: PAGE }]);
  });
});
