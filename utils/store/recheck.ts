/**
 * Later re-checks of a saved Telegram post against its public embed on t.me: the embed as
 * fetched is kept as a new artifact (`embed-recheck-<n>.html`) and ONE `rechecked` custody event
 * lists it with its hash and what was found, in one transaction. An unreachable embed is
 * recorded as an event with its error and no artifact.
 *
 * Role `html_served`: the bytes are the HTML exactly as t.me served it to the extension, the
 * role the clip-time `embed.html` already has. Not `html_snapshot` (that is what the user saw,
 * and the item view shows the first one as the item's content) and not `metadata` (a record
 * Protokol writes itself, like capture.json).
 */
import { utcNow } from '../custody';
import { sha256Hex } from '../hash';
import type { RecheckOutcome } from '../capture/telegram-second-path';
import type { ArtifactRecord, ArtifactRole, CustodyRecord, Item } from '../schemas';
import { readArtifactBytes } from './artifacts';
import { appendInTx, getCustody } from './custody-store';
import type { EvidenceDb } from './db';
import { sealChunks, splitChunks } from './save';

export const RECHECK_ACTION = 'rechecked';
export const RECHECK_ROLE: ArtifactRole = 'html_served';
const NAME = /^embed-recheck-(\d+)\.html$/;

/** What a re-check compares with: the post as saved. Null when the item is not a post. */
export interface RecheckBasis {
  post_id: number;
  /** The exact saved text (`post.txt`; empty when the post had none). */
  text: string;
  published_at: string | null;
}

/** The saved post of a `telegram_post` item, read from its `source` and its `post.txt`. */
export async function recheckBasis(db: EvidenceDb, item: Item): Promise<RecheckBasis | null> {
  if (item.kind !== 'telegram_post') return null;
  const { post_id, published_at } = item.source;
  if (typeof post_id !== 'number') return null;
  const txt = item.artifacts.find(
    (a) => a.role === 'article_text' && a.path === `items/${item.id}/post.txt`,
  );
  // A post without text has no post.txt (the capture says so); item.text may be truncated.
  const text = txt ? new TextDecoder().decode(await readArtifactBytes(db, txt.artifact_id)) : '';
  return {
    post_id,
    text,
    published_at: typeof published_at === 'string' ? published_at : null,
  };
}

/** Records one re-check: the artifact (when the embed was read) and its event, atomically. */
export async function recordRecheck(
  db: EvidenceDb,
  itemId: string,
  outcome: RecheckOutcome,
  html?: { bytes: Uint8Array; media_type: string },
): Promise<CustodyRecord> {
  // Nothing is kept of an embed that could not be fetched or used.
  const keep = outcome.result !== 'unreachable' ? html : undefined;
  const sha256 = keep ? await sha256Hex(keep.bytes) : undefined;
  const artifactId = crypto.randomUUID();
  const at = utcNow();
  // Split (and encrypted, when the store is) outside the transaction: WebCrypto is asynchronous.
  const keptChunks = keep ? await sealChunks(db, splitChunks(artifactId, keep.bytes)) : [];
  return db.transaction('rw', [db.items, db.artifacts, db.chunks, db.custody], async () => {
    const item = await db.items.get(itemId);
    if (!item) throw new Error(`No item with id ${itemId}`);
    if (item.kind !== 'telegram_post') throw new Error(`Item ${itemId} is not a Telegram post`);
    const data: Record<string, unknown> = { ...outcome, artifacts: [] };
    let artifacts = item.artifacts;
    if (keep && sha256) {
      const n =
        Math.max(
          0,
          ...item.artifacts.map((a) => Number(NAME.exec(a.path.split('/').pop() ?? '')?.[1] ?? 0)),
        ) + 1;
      const name = `embed-recheck-${n}.html`;
      const path = `items/${itemId}/${name}`;
      const chunks = keptChunks;
      const record: ArtifactRecord = {
        id: artifactId,
        item_id: itemId,
        role: RECHECK_ROLE,
        name,
        media_type: keep.media_type,
        size: keep.bytes.byteLength,
        sha256,
        chunk_count: chunks.length,
        created_at: at,
      };
      await db.artifacts.add(record);
      await db.chunks.bulkAdd(chunks);
      artifacts = [
        ...item.artifacts,
        {
          role: RECHECK_ROLE,
          path,
          sha256,
          artifact_id: artifactId,
          size: record.size,
          media_type: record.media_type,
        },
      ];
      data.artifacts = [{ role: RECHECK_ROLE, path, sha256 }];
    }
    const { record } = await appendInTx(
      db,
      item,
      { action: RECHECK_ACTION, data, patch: { artifacts } },
      at,
    );
    return record;
  });
}

/** A `rechecked` event as the library shows it. */
export interface RecheckEvent extends RecheckOutcome {
  seq: number;
  at: string;
  artifacts: Array<{ role: string; path: string; sha256: string }>;
}

/** The item's re-checks from its custody log, oldest first. */
export async function listRechecks(db: EvidenceDb, itemId: string): Promise<RecheckEvent[]> {
  const out: RecheckEvent[] = [];
  for (const r of await getCustody(db, itemId)) {
    if (r.action !== RECHECK_ACTION) continue;
    const { data } = JSON.parse(r.line) as { data: Omit<RecheckEvent, 'seq' | 'at'> };
    out.push({ ...data, seq: r.seq, at: r.at });
  }
  return out;
}
