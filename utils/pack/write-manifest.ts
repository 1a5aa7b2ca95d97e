/**
 * The generated content of a pack: custody.jsonl per item, VERIFY.txt, report.html, the files
 * list and manifest.json itself (keys in the spec's order, files sorted by path).
 */
import { compareUtf8, custodyPath } from './names';
import { buildReportHtml } from './report';
import { sha256HexOf } from './sha256';
import { buildVerifyText } from './verify-text';
import type { PackInput, PackItemFields, PackLocale, PackSigner } from './types';

const enc = new TextEncoder();

/** A file made by the writer, held in memory (they are small). */
export interface GeneratedFile {
  path: string;
  bytes: Uint8Array;
  media_type: string;
}

/** A `files[]` entry of the manifest. */
export interface FileEntry {
  path: string;
  sha256: string;
  size: number;
  media_type: string;
}

/** Pack-wide facts the generated files mention. */
export interface PackMeta {
  packId: string;
  createdAt: string;
  fileName: string;
  signer: PackSigner;
  locale: PackLocale;
  timestamped: boolean;
}

/** Generated files and the complete, sorted files list. */
export interface Generated {
  files: FileEntry[];
  /** VERIFY.txt and report.html. */
  top: GeneratedFile[];
  /** custody.jsonl by item id. */
  custody: Map<string, GeneratedFile>;
  /** Custody head after export, by item id. */
  heads: Map<string, string>;
}

function entry(f: GeneratedFile): FileEntry {
  return {
    path: f.path,
    sha256: sha256HexOf(f.bytes),
    size: f.bytes.length,
    media_type: f.media_type,
  };
}

/** Item fields with the head after export, keys in the spec's order and nothing else. */
function manifestItem(f: PackItemFields, head: string): Record<string, unknown> {
  return {
    id: f.id,
    kind: f.kind,
    url: f.url,
    ...(f.requested_url !== undefined && f.requested_url !== f.url
      ? { requested_url: f.requested_url }
      : {}),
    title: f.title,
    captured_at: f.captured_at,
    source: f.source,
    environment: f.environment,
    artifacts: f.artifacts.map((a) => ({ role: a.role, path: a.path, sha256: a.sha256 })),
    custody_head: head,
    detection: f.detection ?? null,
    tags: f.tags,
    notes: f.notes,
  };
}

/** Builds custody logs, VERIFY.txt and report.html, and the sorted files list. */
export function buildGeneratedFiles(
  input: PackInput,
  logs: Map<string, string[]>,
  meta: PackMeta,
): Generated {
  const custody = new Map<string, GeneratedFile>();
  const heads = new Map<string, string>();
  const files: FileEntry[] = [];
  for (const it of input.items) {
    const lines = logs.get(it.fields.id) ?? [];
    const log: GeneratedFile = {
      path: custodyPath(it.fields.id),
      bytes: enc.encode(lines.map((l) => `${l}\n`).join('')),
      media_type: 'application/jsonl',
    };
    custody.set(it.fields.id, log);
    heads.set(it.fields.id, sha256HexOf(enc.encode(lines[lines.length - 1] ?? '')));
    files.push(
      entry(log),
      ...it.artifacts.map((a) => ({
        path: a.path,
        sha256: a.sha256,
        size: a.size,
        media_type: a.media_type,
      })),
    );
  }
  const verifyText = buildVerifyText({
    fileName: meta.fileName,
    packId: meta.packId,
    createdAt: meta.createdAt,
    keyId: meta.signer.keyId,
    ...(meta.signer.label !== undefined ? { signerLabel: meta.signer.label } : {}),
    items: input.items.map((it) => ({ id: it.fields.id, title: it.fields.title })),
    timestamped: meta.timestamped,
  });
  const report = buildReportHtml({
    locale: meta.locale,
    packId: meta.packId,
    createdAt: meta.createdAt,
    generator: input.generator,
    signer:
      meta.signer.label !== undefined
        ? { keyId: meta.signer.keyId, label: meta.signer.label }
        : { keyId: meta.signer.keyId },
    case: input.case,
    notCaptured: input.notCaptured ?? [],
    items: input.items.map((it) => {
      const byPath = new Map(it.artifacts.map((a) => [a.path, a]));
      return {
        fields: { ...it.fields, custody_head: heads.get(it.fields.id) ?? '' },
        files: it.fields.artifacts.map((r) => ({
          path: r.path,
          role: r.role,
          sha256: r.sha256,
          size: byPath.get(r.path)?.size ?? 0,
          media_type: byPath.get(r.path)?.media_type ?? '',
        })),
        custody: logs.get(it.fields.id) ?? [],
      };
    }),
  });
  const top: GeneratedFile[] = [
    { path: 'VERIFY.txt', bytes: enc.encode(verifyText), media_type: 'text/plain' },
    { path: 'report.html', bytes: enc.encode(report), media_type: 'text/html' },
  ];
  files.push(...top.map(entry));
  files.sort((a, b) => compareUtf8(a.path, b.path));
  return { files, top, custody, heads };
}

/** The text of manifest.json (UTF-8 JSON, 2-space indented, final newline). */
export function buildManifest(input: PackInput, g: Generated, meta: PackMeta): string {
  const signer: Record<string, string> = { algorithm: 'Ed25519', key_id: meta.signer.keyId };
  if (meta.signer.label !== undefined) signer.label = meta.signer.label;
  const manifest = {
    format: 'protokol-pack',
    format_version: 1,
    pack_id: meta.packId,
    created_at: meta.createdAt,
    generator: input.generator,
    signer,
    case: input.case
      ? { id: input.case.id, title: input.case.title, description: input.case.description }
      : null,
    files: g.files,
    items: input.items.map((it) => manifestItem(it.fields, g.heads.get(it.fields.id) ?? '')),
    ...(input.notCaptured?.length ? { not_captured: input.notCaptured } : {}),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
