/**
 * The parts of manifest.json the verifier relies on, validated piece by piece with zod so that
 * one malformed item or file entry is reported without hiding the rest of the pack.
 * Unknown fields are allowed and ignored, as the spec says.
 */
import { z } from 'zod';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** `files[]` entry. */
export const ManifestFile = z.object({
  path: z.string(),
  sha256: Hex64,
  size: z.number().int().nonnegative(),
  media_type: z.string().optional(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

/** `items[]` entry, as far as verification needs it. */
export const ManifestItem = z.object({
  id: z.string().min(1),
  title: z.string().optional(),
  artifacts: z.array(z.object({ role: z.string(), path: z.string(), sha256: Hex64 })),
  custody_head: Hex64,
});
export type ManifestItem = z.infer<typeof ManifestItem>;

const Signer = z.object({
  algorithm: z.literal('Ed25519'),
  key_id: Hex64,
  label: z.string().optional(),
});

/** The manifest as the verifier sees it, with the problems found on the way. */
export interface ParsedManifest {
  formatOk: boolean;
  signer?: z.infer<typeof Signer>;
  /** Raw key id even when `signer` is malformed, for the report. */
  keyIdHint?: string;
  files: ManifestFile[];
  items: ManifestItem[];
  problems: Array<{ message: string; item?: string }>;
}

function issues(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates the parsed JSON of manifest.json. Never throws. */
export function parseManifest(json: unknown): ParsedManifest {
  const out: ParsedManifest = { formatOk: false, files: [], items: [], problems: [] };
  if (!isRecord(json)) {
    out.problems.push({ message: 'manifest.json is JSON but not an object' });
    return out;
  }
  if (json.format !== 'protokol-pack')
    out.problems.push({
      message: `format is ${JSON.stringify(json.format) ?? 'missing'}, not "protokol-pack"`,
    });
  else if (json.format_version !== 1)
    out.problems.push({
      message: `format_version is ${JSON.stringify(json.format_version) ?? 'missing'}, not 1`,
    });
  else out.formatOk = true;

  const signer = Signer.safeParse(json.signer);
  if (signer.success) out.signer = signer.data;
  else out.problems.push({ message: `signer is malformed: ${issues(signer.error)}` });
  if (isRecord(json.signer) && typeof json.signer.key_id === 'string')
    out.keyIdHint = json.signer.key_id;

  if (!Array.isArray(json.files)) out.problems.push({ message: 'files is not an array' });
  else {
    json.files.forEach((f: unknown, i) => {
      const r = ManifestFile.safeParse(f);
      if (r.success) out.files.push(r.data);
      else out.problems.push({ message: `files[${i}] is malformed: ${issues(r.error)}` });
    });
  }
  if (!Array.isArray(json.items)) out.problems.push({ message: 'items is not an array' });
  else {
    json.items.forEach((it: unknown, i) => {
      const r = ManifestItem.safeParse(it);
      const id = isRecord(it) && typeof it.id === 'string' ? it.id : undefined;
      if (r.success) out.items.push(r.data);
      else out.problems.push({ message: `items[${i}] is malformed: ${issues(r.error)}`, item: id });
    });
  }
  return out;
}
