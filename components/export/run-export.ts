/**
 * Export from an extension page: build the pack from the store, sign it with the profile's key,
 * timestamp it when the user turned timestamps on, and hand it to the user as a file.
 * Large packs go straight to disk through the File System Access API where the browser has it,
 * so memory stays bounded by the chunk size; smaller ones become a download.
 */
import { browser } from 'wxt/browser';
import { createTimestampHook } from '@/utils/tsa/client';
import {
  PackExportError,
  packFileName,
  writePack,
  type PackResult,
  type WritePackOptions,
} from '@/utils/pack';
import {
  buildPackInput,
  getSettings,
  recordExportFailure,
  storeSigner,
  type EvidenceDb,
  type PackSelection,
} from '@/utils/store';
import type { Locale } from '@/utils/i18n';

export interface ExportOutcome {
  fileName: string;
  size: number;
  result: PackResult;
}

/** Packs above this size are written through a file picker when one exists. */
const STREAM_TO_DISK_ABOVE = 256 * 1024 * 1024;

type SaveFilePicker = (o: {
  suggestedName: string;
  types?: unknown[];
}) => Promise<{ createWritable(): Promise<WritableStream<Uint8Array>> }>;

export async function runExport(
  db: EvidenceDb,
  sel: Omit<PackSelection, 'generator'>,
  opts: {
    locale: Locale;
    onProgress?: WritePackOptions['onProgress'];
    /**
     * `download`: always hand the pack over as a download, never through a file picker. For
     * automation (`protokol capture`): nobody is there to answer a picker, and a headless
     * browser cancels it at once.
     */
    deliver?: 'auto' | 'download';
  },
): Promise<ExportOutcome> {
  const input = await buildPackInput(db, {
    ...sel,
    generator: {
      name: 'protokol',
      version: browser.runtime.getManifest().version,
      user_agent: navigator.userAgent,
    },
  });
  const signer = await storeSigner(db);
  const settings = await getSettings(db);
  // One clock reading for the file name, the manifest, VERIFY.txt and the `exported` events.
  const now = new Date();
  const fileName = packFileName(input.case?.title ?? null, now);
  const writeOpts: WritePackOptions = {
    locale: opts.locale,
    onProgress: opts.onProgress,
    now: () => now,
  };
  if (settings.tsa_enabled && settings.tsa_urls.length > 0) {
    const hooks = settings.tsa_urls.map((u) => createTimestampHook(u, settings.tsa_chain_pem));
    // Try each authority in turn; a pack whose timestamp was asked for and failed is still
    // written (the user is told), since the signature and hashes stand on their own.
    writeOpts.timestamp = async (bytes) => {
      let last: unknown;
      for (const h of hooks) {
        try {
          return await h(bytes);
        } catch (e) {
          last = e;
        }
      }
      throw last instanceof Error ? last : new Error(String(last));
    };
    writeOpts.continueWithoutTimestamp = true;
  }
  const write = async (sink: WritableStream<Uint8Array>) => {
    try {
      return await writePack(input, sink, signer, writeOpts);
    } catch (e) {
      // The `exported` events were written before the ZIP failed: record that no pack exists.
      if (e instanceof PackExportError && e.custodyAppended) {
        const ids = input.items.map((i) => i.fields.id);
        await recordExportFailure(db, ids, e.packId, e.message).catch(() => undefined);
      }
      throw e;
    }
  };
  const total = input.items.reduce((s, i) => s + i.artifacts.reduce((t, a) => t + a.size, 0), 0);
  const picker = (globalThis as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  if (picker && total > STREAM_TO_DISK_ABOVE && opts.deliver !== 'download') {
    const handle = await picker({ suggestedName: fileName });
    const sink = await handle.createWritable();
    let size = 0;
    const counting = new TransformStream<Uint8Array, Uint8Array>({
      transform: (c, ctl) => ((size += c.byteLength), ctl.enqueue(c)),
    });
    const piping = counting.readable.pipeTo(sink);
    piping.catch(() => undefined); // a failed write is reported by writePack, which aborts the sink
    const result = await write(counting.writable);
    await piping;
    return { fileName, size, result };
  }
  const ts = new TransformStream<Uint8Array, Uint8Array>();
  const blobP = new Response(ts.readable).blob();
  blobP.catch(() => undefined); // a failed write is reported by writePack, which aborts the stream
  const result = await write(ts.writable);
  const blob = await blobP;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([blob], { type: 'application/zip' }));
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  return { fileName, size: blob.size, result };
}
