/**
 * Spec step 6: when manifest.tsr is present, its imprint is the SHA-256 of manifest.json; the
 * time it states is reported. The TSA's signature and certificate purpose are checked too.
 */
import { checkTimestampToken } from '../tsa/check';
import { sha256HexOf } from './sha256';
import { readSmall, reason, type VerifyContext } from './verify-context';
import type { VerifyReport } from './types';

const MAX_TSR = 1024 * 1024;

/** Runs step 6; returns what the report shows about the timestamp, if there is one. */
export async function checkManifestTimestamp(
  ctx: VerifyContext,
  manifestBytes: Uint8Array,
): Promise<VerifyReport['manifest_timestamp']> {
  const entry = ctx.byName.get('manifest.tsr');
  if (!entry) return undefined;
  const { checks } = ctx;
  if (!ctx.byName.has('tsa-chain.pem'))
    checks.fail(
      'timestamp',
      'manifest.tsr is present but tsa-chain.pem, which must accompany it, is missing',
      { entry: 'tsa-chain.pem' },
    );
  let tsr: Uint8Array;
  try {
    tsr = await readSmall(ctx, entry, MAX_TSR);
  } catch (err) {
    checks.fail('timestamp', `manifest.tsr cannot be read: ${reason(err)}`, {
      entry: 'manifest.tsr',
    });
    return undefined;
  }
  const opts = ctx.opts.tsaTrustedPem ? { trustedCertsPem: ctx.opts.tsaTrustedPem } : {};
  const r = await checkTimestampToken(tsr, sha256HexOf(manifestBytes), opts);
  if (!r.ok)
    checks.fail('timestamp', `manifest.tsr: ${r.reason ?? 'refused'}`, { entry: 'manifest.tsr' });
  const by = r.tsa ? ` by ${r.tsa}` : '';
  checks.pass(
    'timestamp',
    `manifest.tsr stamps the SHA-256 of manifest.json at ${r.time ?? '?'}${by}${r.reason ? ` (${r.reason})` : ''}`,
    'manifest.tsr',
  );
  if (!r.time) return undefined;
  return r.tsa ? { time: r.time, tsa: r.tsa, ok: r.ok } : { time: r.time, ok: r.ok };
}
