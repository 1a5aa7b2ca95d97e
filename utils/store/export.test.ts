import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyCustodyLines } from '../custody';
import { PackExportError, verifyPack, writePack } from '../pack';
import { memorySink, memorySource, unzipAll } from '../pack/test-support';
import type { EvidenceDb } from './db';
import { createCase, assignCase, getCustodyLines, getItem, saveCapture } from './items';
import { getOrCreateSigningKey, keyLog, listKeys, rotateSigningKey, storeSigner } from './keys';
import { buildPackInput, EmptySelectionError, recordExportFailure } from './pack-input';
import { getSettings, updateSettings } from './settings';
import { freshDb, sampleCapture } from './test-support';

let db: EvidenceDb;
afterEach(async () => {
  await db.delete();
});
const generator = { name: 'protokol', version: '0.1.0', user_agent: 'vitest' };

async function exportPack(sel: Parameters<typeof buildPackInput>[1]) {
  const { sink, bytes } = memorySink();
  await writePack(await buildPackInput(db, sel), sink, await storeSigner(db));
  return bytes();
}

describe('signing key', () => {
  it('is made once, non-extractable, with the key id of its SPKI', async () => {
    db = freshDb();
    const [a, b] = await Promise.all([getOrCreateSigningKey(db), getOrCreateSigningKey(db)]);
    expect(a.key_id).toBe(b.key_id);
    expect(await listKeys(db)).toHaveLength(1);
    expect(a.private_key!.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', a.private_key!)).rejects.toThrow();
    expect((await keyLog(db)).map((l) => l.action)).toEqual(['key_created']);
  });

  it('rotates, logs the change, and packs signed by the old key still verify', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture());
    const oldPack = await exportPack({ itemIds: [item.id], generator });
    const old = await getOrCreateSigningKey(db);
    const fresh = await rotateSigningKey(db);
    expect(fresh.key_id).not.toBe(old.key_id);
    const keys = await listKeys(db);
    expect(keys.filter((k) => k.active === 1).map((k) => k.key_id)).toEqual([fresh.key_id]);
    expect(keys.find((k) => k.key_id === old.key_id)?.retired_at).toBeTruthy();
    expect((await keyLog(db)).map((l) => [l.action, l.previous_key_id])).toEqual([
      ['key_created', undefined],
      ['key_rotated', old.key_id],
    ]);
    expect((await verifyPack(memorySource(oldPack))).status).toBe('valid');
    const newPack = await exportPack({ itemIds: [item.id], generator });
    const report = await verifyPack(memorySource(newPack));
    expect(report.status).toBe('valid');
    expect(report.signer?.key_id).toBe(fresh.key_id);
  });
});

describe('export from the store', () => {
  it('exports a case as a pack that verifies, with an exported event in each custody log', async () => {
    db = freshDb();
    const c = await createCase(db, { title: 'Облавы у метро' });
    const a = await saveCapture(db, sampleCapture({ title: 'A' }));
    const b = await saveCapture(db, sampleCapture({ title: 'B', url: 'https://example.org/b' }));
    await saveCapture(db, sampleCapture({ title: 'not in the case' }));
    await assignCase(db, a.id, c.id);
    await assignCase(db, b.id, c.id);
    const pack = await exportPack({ caseId: c.id, generator });
    const report = await verifyPack(memorySource(pack));
    expect(report.status, JSON.stringify(report.checks.filter((x) => !x.ok))).toBe('valid');
    expect(report.items).toBe(2);
    for (const id of [a.id, b.id]) {
      const lines = await getCustodyLines(db, id);
      expect((JSON.parse(lines.at(-1)!) as { action: string }).action).toBe('exported');
      const chain = verifyCustodyLines(lines);
      expect(chain.ok).toBe(true);
      expect((await getItem(db, id))?.custody_head).toBe(chain.ok ? chain.head : '');
    }
    // The same pack checked by hand with the tools a court expert has.
    const dir = mkdtempSync(join(tmpdir(), 'protokol-pack-'));
    writeFileSync(join(dir, 'p.zip'), pack);
    execFileSync('unzip', ['-q', 'p.zip', '-d', 'x'], { cwd: dir });
    const x = join(dir, 'x');
    execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: x });
    execFileSync(
      'openssl',
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'signer.pem',
        '-rawin',
        '-in',
        'manifest.json',
        '-sigfile',
        'manifest.sig',
      ],
      { cwd: x },
    );
    const manifest = JSON.parse(readFileSync(join(x, 'manifest.json'), 'utf8')) as {
      case: { title: string };
    };
    expect(manifest.case.title).toBe('Облавы у метро');
  });

  it('lists URLs a batch could not capture in the report and the manifest', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture());
    const notCaptured = [
      { url: 'http://unreachable.test/<b>', reason: 'net::ERR_CONNECTION_REFUSED' },
    ];
    const pack = await exportPack({ itemIds: [item.id], generator, notCaptured });
    expect((await verifyPack(memorySource(pack))).status).toBe('valid');
    const files = await unzipAll(pack);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
      not_captured: unknown;
    };
    expect(manifest.not_captured).toEqual(notCaptured);
    const report = new TextDecoder().decode(files.get('report.html'));
    expect(report).toContain('http://unreachable.test/&#60;b&#62;');
    expect(report).not.toContain('<b>');
    expect(report).toContain('net::ERR_CONNECTION_REFUSED');
  });

  it('records export_failed after an export whose pack could not be written', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture());
    const input = await buildPackInput(db, { itemIds: [item.id], generator });
    // A disk that fills up while the ZIP is written.
    const sink = new WritableStream<Uint8Array>({
      write: () => {
        throw new Error('No space left on device');
      },
    });
    const err = await writePack(input, sink, await storeSigner(db)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackExportError);
    const failure = err as PackExportError;
    expect(failure.custodyAppended).toBe(true);
    await recordExportFailure(db, [item.id], failure.packId, failure.message);
    const lines = await getCustodyLines(db, item.id);
    const actions = lines.map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toEqual(['captured', 'exported', 'export_failed']);
    const last = JSON.parse(lines.at(-1)!) as { data: { pack_id: string; reason: string } };
    expect(last.data.pack_id).toBe(failure.packId);
    expect(last.data.reason).toMatch(/No space left/);
    expect(verifyCustodyLines(lines).ok).toBe(true);
  });

  it('refuses an empty selection', async () => {
    db = freshDb();
    await expect(buildPackInput(db, { itemIds: [], generator })).rejects.toBeInstanceOf(
      EmptySelectionError,
    );
  });

  it('refuses, naming the item, when stored bytes no longer match their capture hash', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture());
    const art = item.artifacts[0]!;
    const chunk = (await db.chunks.get([art.artifact_id, 0]))!;
    chunk.data[0] = chunk.data[0]! ^ 0xff;
    await db.chunks.put(chunk);
    const { sink, state } = memorySink();
    await expect(
      writePack(
        await buildPackInput(db, { itemIds: [item.id], generator }),
        sink,
        await storeSigner(db),
      ),
    ).rejects.toThrow(item.id);
    expect(state.closed).toBe(false);
    // No exported event was recorded for a pack that was never written.
    expect(
      (await getCustodyLines(db, item.id)).map((l) => (JSON.parse(l) as { action: string }).action),
    ).toEqual(['captured']);
  });
});

describe('settings', () => {
  it('keeps timestamps off until turned on, and validates URLs', async () => {
    db = freshDb();
    expect(await getSettings(db)).toEqual({
      tsa_enabled: false,
      tsa_urls: [],
      tsa_chain_pem: '',
      fullpage_enabled: true,
    });
    await updateSettings(db, { tsa_enabled: true, tsa_urls: ['http://tsa.test/'] });
    expect((await getSettings(db)).tsa_enabled).toBe(true);
    await expect(updateSettings(db, { tsa_urls: ['not a url'] })).rejects.toThrow();
  });
});
