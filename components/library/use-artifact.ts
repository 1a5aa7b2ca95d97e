/**
 * Reading artifact bytes for display and download. Bytes are read on demand (never for the
 * whole list) and blob URLs are revoked when the view goes away, so memory does not grow as
 * the monitor walks through hundreds of items.
 */
import { useEffect, useState } from 'react';
import { readArtifactBytes } from '@/utils/store';
import type { ArtifactRef } from '@/utils/schemas';
import { getDb } from './db';

export type Loaded<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

/** Bytes of an artifact, re-read when the artifact changes. */
export function useArtifactBytes(artifactId: string | undefined): Loaded<Uint8Array> | undefined {
  const [result, setResult] = useState<{ id: string; loaded: Loaded<Uint8Array> }>();
  useEffect(() => {
    if (!artifactId) return;
    let alive = true;
    readArtifactBytes(getDb(), artifactId).then(
      (value) => alive && setResult({ id: artifactId, loaded: { state: 'ready', value } }),
      (e: unknown) =>
        alive &&
        setResult({
          id: artifactId,
          loaded: { state: 'error', message: e instanceof Error ? e.message : String(e) },
        }),
    );
    return () => {
      alive = false;
    };
  }, [artifactId]);
  if (!artifactId) return undefined;
  // A result for another artifact is stale: show "loading" rather than the wrong bytes.
  return result?.id === artifactId ? result.loaded : { state: 'loading' };
}

/** A blob URL for bytes, revoked on change and unmount. */
export function useBlobUrl(bytes: Uint8Array | undefined, mediaType: string): string | undefined {
  const [url, setUrl] = useState<{ bytes: Uint8Array; url: string }>();
  useEffect(() => {
    if (!bytes) return;
    const u = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mediaType }));
    setUrl({ bytes, url: u });
    return () => URL.revokeObjectURL(u);
  }, [bytes, mediaType]);
  return url && url.bytes === bytes ? url.url : undefined;
}

/** The file name part of an artifact's pack path (`items/<id>/page.html` → `page.html`). */
export function fileName(a: ArtifactRef): string {
  return a.path.split('/').pop() || `${a.role}.bin`;
}

/** Save an artifact through the browser's download flow, byte for byte as stored. */
export async function downloadArtifact(a: ArtifactRef, itemId: string): Promise<void> {
  const bytes = await readArtifactBytes(getDb(), a.artifact_id);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: a.media_type }));
  const link = document.createElement('a');
  link.href = url;
  // The item id in the name keeps files from different items apart in the Downloads folder.
  link.download = `${itemId.slice(0, 8)}-${fileName(a)}`;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; give it time to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
