/**
 * Spec step 3: signer.pem is an Ed25519 SPKI whose DER hashes to signer.key_id, and
 * manifest.sig verifies over the exact bytes of manifest.json.
 */
import type { ParsedManifest } from './manifest';
import { parseSignerPem } from './pem';
import { plainBytes, sha256HexOf } from './sha256';
import { readSmall, reason, type VerifyContext } from './verify-context';

const MAX_PEM = 64 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

async function readSignerKey(
  ctx: VerifyContext,
  m: ParsedManifest,
): Promise<Uint8Array | undefined> {
  const { checks } = ctx;
  const entry = ctx.byName.get('signer.pem');
  if (!entry) {
    checks.fail('key-id', 'signer.pem is missing', { entry: 'signer.pem' });
    return undefined;
  }
  let text: string;
  try {
    text = utf8.decode(await readSmall(ctx, entry, MAX_PEM));
  } catch (err) {
    checks.fail('key-id', `signer.pem cannot be read: ${reason(err)}`, { entry: 'signer.pem' });
    return undefined;
  }
  const key = parseSignerPem(text);
  if ('problem' in key) {
    checks.fail('key-id', key.problem, { entry: 'signer.pem' });
    return undefined;
  }
  const actual = sha256HexOf(key.der);
  if (!m.signer)
    checks.fail('key-id', 'manifest.json has no valid signer.key_id to compare signer.pem with', {
      entry: 'manifest.json',
    });
  else if (actual !== m.signer.key_id) {
    checks.fail(
      'key-id',
      `the SHA-256 of signer.pem's key is ${actual}, but signer.key_id in manifest.json is ${m.signer.key_id}: the key was replaced`,
      { entry: 'signer.pem' },
    );
  } else
    checks.pass(
      'key-id',
      `signer.pem is an Ed25519 key whose SHA-256 is signer.key_id ${actual}`,
      'signer.pem',
    );
  return key.der;
}

async function readSignature(ctx: VerifyContext): Promise<Uint8Array | undefined> {
  const entry = ctx.byName.get('manifest.sig');
  if (!entry) {
    ctx.checks.fail('signature', 'manifest.sig is missing', { entry: 'manifest.sig' });
    return undefined;
  }
  try {
    const sig = await readSmall(ctx, entry, 1024);
    if (sig.length === 64) return sig;
    ctx.checks.fail(
      'signature',
      `manifest.sig is ${sig.length} bytes; an Ed25519 signature is 64`,
      { entry: 'manifest.sig' },
    );
  } catch (err) {
    ctx.checks.fail('signature', `manifest.sig cannot be read: ${reason(err)}`, {
      entry: 'manifest.sig',
    });
  }
  return undefined;
}

/** Runs step 3. */
export async function checkSignature(
  ctx: VerifyContext,
  manifestBytes: Uint8Array,
  m: ParsedManifest,
): Promise<void> {
  const der = await readSignerKey(ctx, m);
  const sig = await readSignature(ctx);
  if (!der || !sig) {
    if (!ctx.checks.failed('signature'))
      ctx.checks.fail(
        'signature',
        'the signature cannot be checked without a usable key in signer.pem',
        { entry: 'manifest.sig' },
      );
    return;
  }
  let ok = false;
  try {
    const key = await crypto.subtle.importKey('spki', plainBytes(der), { name: 'Ed25519' }, false, [
      'verify',
    ]);
    ok = await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      plainBytes(sig),
      plainBytes(manifestBytes),
    );
  } catch (err) {
    ctx.checks.fail('signature', `the signature could not be checked: ${reason(err)}`, {
      entry: 'manifest.sig',
    });
    return;
  }
  if (ok)
    ctx.checks.pass(
      'signature',
      'manifest.sig is a valid Ed25519 signature of manifest.json by signer.pem',
      'manifest.json',
    );
  else {
    ctx.checks.fail(
      'signature',
      'manifest.sig does not verify over manifest.json with the key in signer.pem: manifest.json was changed after signing, or signed by another key',
      {
        entry: 'manifest.json',
      },
    );
  }
}
