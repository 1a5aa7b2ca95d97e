/**
 * `protokol verify PACK [--json] [--tsa-ca FILE]`: checks an evidence pack as the spec's
 * "Verifying" section says. Exit 0 valid, 1 invalid, 2 unreadable, not a pack, or no file.
 */
import { readFile } from 'node:fs/promises';
import { verifyPack } from '../../utils/pack/verify';
import { plainLine } from '../../utils/pack/verify-text';
import type { VerifyReport } from '../../utils/pack/types';
import { nodeSha256, openFileSource } from '../node-source';
import type { CliCommand, CliIO } from './types';

const EXIT = { valid: 0, invalid: 1, unreadable: 2 } as const;

function parse(args: string[]): { pack?: string; json: boolean; tsaCa?: string; error?: string } {
  const out: { pack?: string; json: boolean; tsaCa?: string; error?: string } = { json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--json') out.json = true;
    else if (a === '--tsa-ca') {
      const v = args[++i];
      if (v === undefined) out.error = '--tsa-ca needs a file';
      else out.tsaCa = v;
    } else if (a.startsWith('-')) out.error = `unknown option ${a}`;
    else if (out.pack === undefined) out.pack = a;
    else out.error = 'give one pack';
  }
  if (!out.pack && !out.error) out.error = 'give the pack to verify';
  return out;
}

/** The human-readable report; pack-derived text is stripped of control characters. */
export function formatReport(path: string, r: VerifyReport): string {
  const lines = [`Pack: ${plainLine(path)}`];
  for (const c of r.checks) {
    // A passing step names no culprit; a failure starts with the entry (and item) to blame.
    const where = c.ok
      ? ''
      : [c.entry, c.item ? `item ${c.item}` : undefined].filter(Boolean).join(', ');
    lines.push(
      `  ${c.ok ? '✓' : '✗'} ${c.id.padEnd(11)} ${plainLine(where ? `${where}: ${c.message}` : c.message)}`,
    );
  }
  if (r.signer)
    lines.push(
      `Signer key id: ${plainLine(r.signer.key_id)}${r.signer.label ? ` (${plainLine(r.signer.label)})` : ''}`,
    );
  if (r.manifest_timestamp) {
    const t = r.manifest_timestamp;
    lines.push(
      `Timestamp: ${t.time}${t.tsa ? ` by ${plainLine(t.tsa)}` : ''}${t.ok ? '' : ' (NOT accepted)'}`,
    );
  }
  lines.push(`Items: ${r.items}, files: ${r.files}`);
  lines.push(`Result: ${r.status.toUpperCase()}`);
  return `${lines.join('\n')}\n`;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const o = parse(args);
  if (o.error || !o.pack) {
    io.err(`protokol verify: ${o.error ?? 'bad arguments'}\nusage: ${verifyCommand.usage}\n`);
    return 2;
  }
  let report: VerifyReport;
  try {
    const tsaTrustedPem = o.tsaCa ? await readFile(o.tsaCa, 'utf8') : undefined;
    const source = await openFileSource(o.pack);
    try {
      report = await verifyPack(source, {
        hasher: nodeSha256,
        chunkSize: 4 << 20,
        ...(tsaTrustedPem ? { tsaTrustedPem } : {}),
      });
    } finally {
      await source.close();
    }
  } catch (err) {
    const message = `cannot open: ${err instanceof Error ? err.message : String(err)}`;
    report = {
      status: 'unreadable',
      checks: [{ id: 'zip', ok: false, message }],
      items: 0,
      files: 0,
    };
  }
  if (o.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else io.out(formatReport(o.pack, report));
  return EXIT[report.status];
}

/** The verify command. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'check an evidence pack (signature, key id, files, custody chains, timestamp)',
  usage: 'protokol verify PACK [--json] [--tsa-ca CA.pem]   exit 0 valid, 1 invalid, 2 unreadable',
  run,
};
