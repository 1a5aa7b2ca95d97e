/**
 * Before a byte is written: the input is checked against the format's rules, every stored
 * artifact is re-hashed and compared with its capture hash, and the signer is proven to work.
 * Any failure refuses the export with every problem named (item and path).
 */
import { verifyCustodyLines } from '../custody';
import { describeProblems, PackExportError, type PackProblem } from './errors';
import { custodyPath, entryNameProblem, isReserved, REQUIRED_PAYLOAD } from './names';
import { ed25519SpkiProblem } from './pem';
import { defaultSha256, plainBytes, sha256HexOf } from './sha256';
import type { PackInput, PackItemInput, PackSigner, Sha256Factory } from './types';
import { createCrc32 } from './crc32';
import { compressionLevel } from './zip-write';

const HEX64 = /^[0-9a-f]{64}$/;
// Item ids become folder names; refuse anything that could walk out of items/<id>/.
const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function itemProblems(it: PackItemInput, seenPaths: Set<string>): PackProblem[] {
  const id = it.fields.id;
  const out: PackProblem[] = [];
  const add = (message: string, path?: string): void =>
    void out.push(path ? { item: id, path, message } : { item: id, message });
  if (!ITEM_ID.test(id))
    return [{ item: id, message: 'the item id is not usable as a folder name' }];
  const byPath = new Map(it.artifacts.map((a) => [a.path, a]));
  if (byPath.size !== it.artifacts.length) add('two artifacts have the same path');
  for (const ref of it.fields.artifacts) {
    const a = byPath.get(ref.path);
    const problem = entryNameProblem(ref.path);
    if (problem || CONTROL.test(ref.path))
      add(
        `the artifact path is not a valid entry name (${problem ?? 'control character'})`,
        ref.path,
      );
    else if (!ref.path.startsWith(`items/${id}/`) || ref.path === custodyPath(id))
      add(`an artifact must be a file under items/${id}/ other than custody.jsonl`, ref.path);
    else if (isReserved(ref.path) || (REQUIRED_PAYLOAD as readonly string[]).includes(ref.path))
      add('the artifact path is reserved', ref.path);
    if (seenPaths.has(ref.path)) add('another artifact of the pack has this path', ref.path);
    seenPaths.add(ref.path);
    if (!a) add('the stored bytes of this artifact were not provided', ref.path);
    else if (a.sha256 !== ref.sha256 || !HEX64.test(a.sha256))
      add('the artifact record and the item disagree on its capture hash', ref.path);
    else if (!Number.isSafeInteger(a.size) || a.size < 0)
      add('the artifact size is not a byte count', ref.path);
  }
  if (it.artifacts.length !== it.fields.artifacts.length)
    add('the item lists another number of artifacts than were provided');
  const chain = verifyCustodyLines(it.custody);
  if (!chain.ok) add(`the stored custody log is broken: ${chain.reason}`, custodyPath(id));
  else if (chain.head !== it.fields.custody_head)
    add("the stored custody log does not end at the item's custody_head", custodyPath(id));
  return out;
}

/** Checks the whole input; throws PackExportError('invalid-input') listing every problem. */
export function validateInput(input: PackInput, packId: string): void {
  const problems: PackProblem[] = [];
  const ids = new Set<string>();
  const paths = new Set<string>();
  if (input.items.length === 0) problems.push({ message: 'there is nothing to export' });
  for (const it of input.items) {
    if (ids.has(it.fields.id))
      problems.push({ item: it.fields.id, message: 'the item is listed twice' });
    ids.add(it.fields.id);
    problems.push(...itemProblems(it, paths));
  }
  if (problems.length)
    throw new PackExportError(
      'invalid-input',
      describeProblems('Export refused, the items are not exportable', problems),
      problems,
      packId,
    );
}

/** What the pre-pass measured for one artifact. */
export interface Rehashed {
  sha256: string;
  size: number;
}

/**
 * Re-hashes every stored artifact and compares with the capture hash and size. All artifacts
 * are checked before refusing, so the user learns of every damaged file at once. Returns the
 * CRC-32 of the artifacts that will be stored uncompressed, by path.
 */
export async function rehashArtifacts(
  input: PackInput,
  packId: string,
  hasher: Sha256Factory = defaultSha256,
  progress?: (n: number) => void,
  signal?: AbortSignal,
): Promise<Map<string, number>> {
  const problems: PackProblem[] = [];
  const crcs = new Map<string, number>();
  for (const it of input.items) {
    for (const a of it.artifacts) {
      const h = await hasher();
      const crc = compressionLevel(a.media_type) === 0 ? await createCrc32() : undefined;
      let size = 0;
      try {
        for await (const chunk of a.open()) {
          if (signal?.aborted) throw new PackExportError('aborted', 'Export cancelled', [], packId);
          h.update(chunk);
          crc?.update(chunk);
          size += chunk.length;
          progress?.(chunk.length);
        }
      } catch (err) {
        if (err instanceof PackExportError) throw err;
        problems.push({
          item: it.fields.id,
          path: a.path,
          message: `the stored bytes cannot be read (${err instanceof Error ? err.message : String(err)})`,
        });
        continue;
      }
      const actual = h.digestHex();
      if (actual !== a.sha256)
        problems.push({
          item: it.fields.id,
          path: a.path,
          message: `stored bytes hash to ${actual}, but ${a.sha256} was recorded at capture: the stored copy changed`,
        });
      else if (size !== a.size)
        problems.push({
          item: it.fields.id,
          path: a.path,
          message: `stored bytes are ${size} long, ${a.size} were recorded`,
        });
      else if (crc) crcs.set(a.path, crc.value());
    }
  }
  if (problems.length)
    throw new PackExportError(
      'artifact-mismatch',
      describeProblems(
        'Export refused, stored evidence no longer matches its capture hash',
        problems,
      ),
      problems,
      packId,
    );
  return crcs;
}

async function verifies(spki: Uint8Array, sig: Uint8Array, data: Uint8Array): Promise<boolean> {
  const key = await crypto.subtle.importKey('spki', plainBytes(spki), { name: 'Ed25519' }, false, [
    'verify',
  ]);
  return (
    sig.length === 64 &&
    crypto.subtle.verify({ name: 'Ed25519' }, key, plainBytes(sig), plainBytes(data))
  );
}

/**
 * Signs `bytes` and checks the signature against the signer's public key, so a key pair that
 * does not match (or a signer that fails) never yields a pack that a verifier would reject.
 */
export async function signChecked(
  signer: PackSigner,
  bytes: Uint8Array,
  packId: string,
): Promise<Uint8Array> {
  let sig: Uint8Array;
  try {
    sig = await signer.sign(bytes);
  } catch (err) {
    throw new PackExportError(
      'signer',
      `The pack could not be signed, so it was not written: ${err instanceof Error ? err.message : String(err)}`,
      [],
      packId,
      false,
      { cause: err },
    );
  }
  let ok = false;
  try {
    ok = await verifies(signer.spkiDer, sig, bytes);
  } catch {
    ok = false;
  }
  if (!ok)
    throw new PackExportError(
      'signer',
      'The signature made by the signing key does not verify with its public key; the pack was not written',
      [],
      packId,
    );
  return sig;
}

/** Checks the signer's public key and key id, and that it can sign, before any custody event. */
export async function probeSigner(signer: PackSigner, packId: string): Promise<void> {
  const problem = ed25519SpkiProblem(signer.spkiDer);
  if (problem)
    throw new PackExportError(
      'signer',
      `The signing key is unusable: ${problem.replace('signer.pem', 'the public key')}`,
      [],
      packId,
    );
  const keyId = sha256HexOf(signer.spkiDer);
  if (keyId !== signer.keyId)
    throw new PackExportError(
      'signer',
      `The signer's key id ${signer.keyId} is not the SHA-256 of its public key (${keyId})`,
      [],
      packId,
    );
  await signChecked(
    signer,
    new TextEncoder().encode(`protokol-pack signer probe ${packId}`),
    packId,
  );
}
