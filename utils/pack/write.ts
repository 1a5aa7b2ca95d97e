/**
 * Writes a signed evidence pack (shared/spec/evidence-pack-v1.md) as a streamed ZIP.
 * Order of work: check the input, re-hash every artifact (refuse on any mismatch), prove the
 * signer works, append the `exported` custody events, build and sign the manifest, timestamp
 * it, and only then stream the ZIP, re-hashing each artifact again as it is written.
 * On any failure the sink is aborted: a pack that cannot be signed is never written.
 */
import { verifyCustodyLines } from '../custody';
import { checkTimestampToken } from '../tsa/check';
import { PackExportError } from './errors';
import { packFileName } from './file-name';
import { buildManifest, buildGeneratedFiles, type GeneratedFile } from './write-manifest';
import { custodyPath } from './names';
import { toPem } from './pem';
import { defaultSha256, sha256HexOf } from './sha256';
import { buildSha256Sums } from './sums';
import { probeSigner, rehashArtifacts, signChecked, validateInput } from './write-prepare';
import { PackZipWriter } from './zip-write';
import type {
  ExportedEventData,
  PackArtifactInput,
  PackInput,
  PackResult,
  PackSigner,
  PackTimestamp,
  Sha256Factory,
  WritePackOptions,
} from './types';

const enc = new TextEncoder();

async function appendExported(
  input: PackInput,
  data: ExportedEventData,
  packId: string,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const it of input.items) {
    const id = it.fields.id;
    let lines: string[];
    try {
      lines = await input.appendExported(id, data);
    } catch (err) {
      throw new PackExportError(
        'custody',
        `The export could not be recorded in the custody log of item ${id}: ${err instanceof Error ? err.message : String(err)}`,
        [{ item: id, message: 'appendExported failed' }],
        packId,
        out.size > 0,
        { cause: err },
      );
    }
    const chain = verifyCustodyLines(lines);
    const extends_ = lines.length > it.custody.length && it.custody.every((l, i) => lines[i] === l);
    const last = (JSON.parse(lines[lines.length - 1] ?? '{}') as { action?: unknown }).action;
    if (!chain.ok || !extends_ || last !== 'exported') {
      const why = !chain.ok
        ? chain.reason
        : !extends_
          ? 'it does not extend the log that was checked'
          : 'its last event is not "exported"';
      throw new PackExportError(
        'custody',
        `The custody log of item ${id} after export is not acceptable: ${why}`,
        [{ item: id, path: custodyPath(id), message: why }],
        packId,
        true,
      );
    }
    out.set(id, lines);
  }
  return out;
}

/** The last mismatch found while streaming; zip.js may wrap the error thrown from a stream. */
interface StreamFailure {
  error?: PackExportError;
}

async function* rehashing(
  a: PackArtifactInput,
  itemId: string,
  hasher: Sha256Factory,
  onChunk: (n: number) => void,
  failure: StreamFailure,
): AsyncGenerator<Uint8Array> {
  const h = await hasher();
  let size = 0;
  for await (const chunk of a.open()) {
    h.update(chunk);
    size += chunk.length;
    onChunk(chunk.length);
    yield chunk;
  }
  const actual = h.digestHex();
  if (actual !== a.sha256 || size !== a.size) {
    const problem = {
      item: itemId,
      path: a.path,
      message: `the stored bytes changed during export (now ${actual}, ${size} bytes)`,
    };
    failure.error = new PackExportError(
      'artifact-mismatch',
      `Export stopped: item ${itemId}, ${a.path}: ${problem.message}`,
      [problem],
    );
    throw failure.error;
  }
}

async function timestampManifest(
  opts: WritePackOptions,
  manifest: Uint8Array,
  packId: string,
): Promise<PackTimestamp | undefined> {
  if (!opts.timestamp) return undefined;
  try {
    const ts = await opts.timestamp(manifest);
    const check = await checkTimestampToken(ts.tsr, sha256HexOf(manifest));
    if (!check.ok) throw new Error(check.reason ?? 'the timestamp is not acceptable');
    return ts;
  } catch (err) {
    if (opts.continueWithoutTimestamp) return undefined;
    throw new PackExportError(
      'timestamp',
      `The manifest could not be timestamped, so the pack was not written: ${err instanceof Error ? err.message : String(err)}`,
      [],
      packId,
      true,
      { cause: err },
    );
  }
}

/** Streams every entry into the ZIP, reserved entries first. */
async function writeEntries(
  zip: PackZipWriter,
  input: PackInput,
  entries: {
    head: GeneratedFile[];
    custody: Map<string, GeneratedFile>;
    crcs: Map<string, number>;
  },
  hasher: Sha256Factory,
  opts: WritePackOptions,
): Promise<void> {
  for (const f of entries.head) await zip.addBytes(f.path, f.bytes, f.media_type);
  const total = input.items.reduce((s, it) => s + it.artifacts.reduce((t, a) => t + a.size, 0), 0);
  let done = 0;
  const onChunk = (n: number): void => {
    done += n;
    opts.onProgress?.('write', done, total);
  };
  const failure: StreamFailure = {};
  for (const it of input.items) {
    for (const a of it.artifacts) {
      try {
        await zip.addStream(
          a.path,
          a.size,
          a.media_type,
          rehashing(a, it.fields.id, hasher, onChunk, failure),
          entries.crcs.get(a.path),
        );
      } catch (err) {
        throw failure.error ?? err;
      }
    }
    const log = entries.custody.get(it.fields.id);
    if (log) await zip.addBytes(log.path, log.bytes, log.media_type);
  }
}

/**
 * Writes the pack into `sink` and returns what was written. Throws PackExportError (and aborts
 * the sink) when an artifact no longer matches its capture hash, the custody log is broken,
 * signing or timestamping fails, or the sink fails.
 */
export async function writePack(
  input: PackInput,
  sink: WritableStream<Uint8Array>,
  signer: PackSigner,
  opts: WritePackOptions = {},
): Promise<PackResult> {
  const now = opts.now?.() ?? new Date();
  const createdAt = now.toISOString();
  const packId = opts.packId ?? crypto.randomUUID();
  const hasher = opts.hasher ?? defaultSha256;
  const zip = new PackZipWriter(sink, {
    forceZip64: opts.forceZip64 ?? false,
    lastModDate: now,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  let custodyAppended = false;
  try {
    validateInput(input, packId);
    const total = input.items.reduce(
      (s, it) => s + it.artifacts.reduce((t, a) => t + a.size, 0),
      0,
    );
    let hashed = 0;
    const crcs = await rehashArtifacts(
      input,
      packId,
      hasher,
      (n) => opts.onProgress?.('rehash', (hashed += n), total),
      opts.signal,
    );
    await probeSigner(signer, packId);
    const fileName = packFileName(input.case?.title ?? null, now);
    const logs = await appendExported(
      input,
      { pack_id: packId, key_id: signer.keyId, file_name: fileName },
      packId,
    );
    custodyAppended = true;
    const meta = {
      packId,
      createdAt,
      fileName,
      signer,
      locale: opts.locale ?? 'en',
      timestamped: opts.timestamp !== undefined,
    };
    const generated = buildGeneratedFiles(input, logs, meta);
    const manifestText = buildManifest(input, generated, meta);
    const manifest = enc.encode(manifestText);
    const sig = await signChecked(signer, manifest, packId);
    const ts = await timestampManifest(opts, manifest, packId);
    const head: GeneratedFile[] = [
      { path: 'manifest.json', bytes: manifest, media_type: 'application/json' },
      { path: 'manifest.sig', bytes: sig, media_type: 'application/octet-stream' },
      {
        path: 'signer.pem',
        bytes: enc.encode(toPem('PUBLIC KEY', signer.spkiDer)),
        media_type: 'application/x-pem-file',
      },
      ...(ts
        ? [
            { path: 'manifest.tsr', bytes: ts.tsr, media_type: 'application/timestamp-reply' },
            {
              path: 'tsa-chain.pem',
              bytes: enc.encode(ts.chainPem),
              media_type: 'application/x-pem-file',
            },
          ]
        : []),
      {
        path: 'SHA256SUMS',
        bytes: enc.encode(buildSha256Sums(generated.files)),
        media_type: 'text/plain',
      },
      ...generated.top,
    ];
    await writeEntries(zip, input, { head, custody: generated.custody, crcs }, hasher, opts);
    const bytes = await zip.close();
    const result: PackResult = {
      pack_id: packId,
      file_name: fileName,
      created_at: createdAt,
      key_id: signer.keyId,
      manifest_sha256: sha256HexOf(manifest),
      bytes,
      files: generated.files.length,
      items: input.items.length,
    };
    if (ts) {
      const check = await checkTimestampToken(ts.tsr, result.manifest_sha256);
      if (check.time) result.timestamp = { time: check.time };
    }
    return result;
  } catch (err) {
    await zip.abort(err);
    if (err instanceof PackExportError) {
      if (custodyAppended) err.custodyAppended = true;
      throw err;
    }
    throw new PackExportError(
      'write',
      `The pack could not be written: ${err instanceof Error ? err.message : String(err)}`,
      [],
      packId,
      custodyAppended,
      { cause: err },
    );
  }
}
