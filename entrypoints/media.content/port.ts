/**
 * Handing a media element's bytes to the background over a runtime Port: a whole file behind a
 * `blob:` URL, read in the page (only the page can read its blobs), or a recording of playback
 * (`captureStream` + `MediaRecorder`) for a stream that has no file. Bytes go as base64 pieces
 * of about 1 MiB; the background acks each piece it has written, and no more than WINDOW pieces
 * are ever unacknowledged, so neither side holds more than a few MiB whatever the file's size.
 * Reads only; the store is the background's.
 */
import { browser, type Browser } from 'wxt/browser';
import { bytesToBase64 } from '@/utils/media/base64';
import {
  MAX_RECORD_S,
  MEDIA_PORT,
  MediaPortStart,
  PORT_PIECE,
  type MediaPortControl,
  type MediaPortMessage,
  type RecordFor,
} from '@/utils/protocol-media';
import { elementOf } from './registry';

const WINDOW = 4;

type Port = Browser.runtime.Port;

/** Sends pieces with a bounded number in flight. */
class PieceSender {
  private seq = 0;
  private acked = -1;
  private waiters: Array<() => void> = [];
  stopped = false;
  closed = false;

  constructor(private readonly port: Port) {
    port.onMessage.addListener((m: MediaPortControl) => {
      if (m.t === 'ack') this.acked = Math.max(this.acked, m.seq);
      if (m.t === 'stop') this.stopped = true;
      this.wake();
    });
    port.onDisconnect.addListener(() => {
      this.closed = true;
      this.wake();
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  post(m: MediaPortMessage) {
    if (!this.closed) this.port.postMessage(m);
  }

  /** Send bytes in PORT_PIECE pieces, waiting while WINDOW pieces are unacknowledged. */
  async send(bytes: Uint8Array): Promise<void> {
    for (let off = 0; off < bytes.byteLength; off += PORT_PIECE) {
      while (!this.closed && this.seq - this.acked > WINDOW) {
        await new Promise<void>((r) => this.waiters.push(r));
      }
      if (this.closed) throw new Error('the extension stopped listening');
      this.post({
        t: 'piece',
        seq: this.seq++,
        b64: bytesToBase64(bytes.subarray(off, off + PORT_PIECE)),
      });
    }
  }

  /** Wait until the background has written every piece sent. */
  async drained(): Promise<void> {
    while (!this.closed && this.acked < this.seq - 1) {
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }
}

export function listenForMediaPorts(): () => void {
  const onConnect = (port: Port) => {
    // Only the extension's background opens this port (a web page cannot reach content scripts).
    if (port.name !== MEDIA_PORT || port.sender?.id !== browser.runtime.id || port.sender.tab)
      return;
    const sender = new PieceSender(port);
    port.onMessage.addListener(function start(raw: unknown) {
      port.onMessage.removeListener(start);
      const req = MediaPortStart.safeParse(raw);
      if (!req.success) return;
      const run = req.data.mode === 'blob' ? readBlob : record;
      void run(req.data.ref, sender, req.data.recordFor ?? 30).catch((e: unknown) =>
        sender.post({ t: 'error', code: 'errMediaRead', detail: describe(e) }),
      );
    });
  };
  browser.runtime.onConnect.addListener(onConnect);
  return () => browser.runtime.onConnect.removeListener(onConnect);
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** The whole file behind the element's blob: URL, as the page holds it. */
async function readBlob(ref: string, out: PieceSender): Promise<void> {
  const el = elementOf(ref);
  const url = el instanceof HTMLVideoElement ? el.currentSrc : el?.currentSrc;
  if (!el || !url) return out.post({ t: 'error', code: 'errMediaGone', detail: 'element gone' });
  let blob: Blob;
  try {
    blob = await (await fetch(url)).blob();
  } catch (e) {
    // A MediaSource URL cannot be read: the caller records playback instead.
    return out.post({ t: 'error', code: 'media_source', detail: describe(e) });
  }
  out.post({ t: 'begin', type: blob.type, size: blob.size });
  // Slices of the Blob are read one at a time: the page's memory holds the file already,
  // but we add only a piece to it.
  for (let off = 0; off < blob.size && !out.stopped; off += PORT_PIECE) {
    await out.send(new Uint8Array(await blob.slice(off, off + PORT_PIECE).arrayBuffer()));
  }
  await out.drained();
  out.post({ t: 'end' });
}

const MIME_CHOICES = [
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=vp8,opus',
  'video/webm;codecs=vp9',
  'video/webm;codecs=vp8',
  'video/webm',
  'video/mp4',
];

/** A bitrate that keeps detail at the video's size (MediaRecorder's default is ~2.5 Mbps). */
function bitrateFor(v: HTMLVideoElement): number {
  const px = (v.videoWidth || 1280) * (v.videoHeight || 720);
  if (px >= 1920 * 1080) return 8_000_000;
  if (px >= 1280 * 720) return 5_000_000;
  return 2_500_000;
}

interface CapturableVideo extends HTMLVideoElement {
  captureStream?: () => MediaStream;
}

/**
 * Record the element's playback for `recordFor` seconds (or until it ends). Playback must run
 * for frames to come: a paused video is started (muted only if the browser refuses sound
 * without a click on the page, and put back as it was afterwards).
 */
async function record(ref: string, out: PieceSender, recordFor: RecordFor): Promise<void> {
  const v = elementOf(ref) as CapturableVideo | null;
  if (!(v instanceof HTMLVideoElement))
    return out.post({ t: 'error', code: 'errMediaGone', detail: 'no such video' });
  if (typeof v.captureStream !== 'function')
    return out.post({
      t: 'error',
      code: 'errMediaRecord',
      detail: 'captureStream is not available in this browser',
    });
  let startedPlayback = false;
  let mutedToPlay = false;
  const wasMuted = v.muted;
  if (v.paused || v.readyState < 3) {
    startedPlayback = v.paused;
    try {
      await v.play();
    } catch {
      v.muted = true;
      mutedToPlay = !wasMuted;
      try {
        await v.play();
      } catch (e) {
        v.muted = wasMuted;
        return out.post({ t: 'error', code: 'errMediaNotPlaying', detail: describe(e) });
      }
    }
  }
  let stream: MediaStream;
  try {
    // Throws for cross-origin media without CORS and for protected (DRM) media.
    stream = v.captureStream();
  } catch (e) {
    restore();
    return out.post({ t: 'error', code: 'errMediaRecord', detail: describe(e) });
  }
  // Tracks appear once frames flow; a recorder started before that would fail when they change.
  for (let i = 0; i < 50 && stream.getVideoTracks().length === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (stream.getVideoTracks().length === 0) {
    restore();
    return out.post({
      t: 'error',
      code: 'errMediaRecord',
      detail: 'the video gives no frames to record',
    });
  }
  const mimeType = MIME_CHOICES.find((m) => MediaRecorder.isTypeSupported(m)) ?? '';
  const rec = new MediaRecorder(stream, {
    ...(mimeType ? { mimeType } : {}),
    videoBitsPerSecond: bitrateFor(v),
    audioBitsPerSecond: 128_000,
  });
  const remaining = Number.isFinite(v.duration)
    ? Math.max(0, v.duration - v.currentTime)
    : MAX_RECORD_S;
  const seconds = Math.min(MAX_RECORD_S, recordFor === 'end' ? remaining + 1 : recordFor);
  const start_time_s = v.currentTime;
  out.post({
    t: 'begin',
    type: rec.mimeType || mimeType || 'video/webm',
    size: null,
    recorder: {
      mime_type: rec.mimeType || mimeType,
      video_bits_per_second: rec.videoBitsPerSecond || null,
      audio_bits_per_second: stream.getAudioTracks().length ? rec.audioBitsPerSecond || null : null,
      tracks: stream.getTracks().map((t) => `${t.kind}: ${t.label || 'unnamed'}`),
      started_playback: startedPlayback,
      muted_to_play: mutedToPlay,
      start_time_s,
    },
  });

  // Pieces are sent in order, one data event after another.
  let sending = Promise.resolve();
  let failed: Error | undefined;
  rec.ondataavailable = (ev) => {
    if (ev.data.size === 0) return;
    sending = sending
      .then(async () => out.send(new Uint8Array(await ev.data.arrayBuffer())))
      .catch((e: unknown) => {
        failed ??= e instanceof Error ? e : new Error(describe(e));
      });
  };
  const t0 = performance.now();
  let stopped: 'duration' | 'ended' | 'paused' | 'removed' | 'limit' | 'user' = 'duration';
  const done = new Promise<void>((resolve) => (rec.onstop = () => resolve()));
  const stop = (why: typeof stopped) => {
    if (rec.state === 'inactive') return;
    stopped = why;
    rec.stop();
  };
  const timer = setTimeout(() => stop(recordFor === 'end' ? 'limit' : 'duration'), seconds * 1000);
  const onEnded = () => stop('ended');
  const onPause = () => stop('paused');
  v.addEventListener('ended', onEnded);
  v.addEventListener('pause', onPause);
  const watch = setInterval(() => {
    if (!v.isConnected) stop('removed');
    if (out.stopped) stop('user');
    if (out.closed) stop('removed');
  }, 250);
  rec.start(1000);
  await done;
  const recorded_s = (performance.now() - t0) / 1000;
  clearTimeout(timer);
  clearInterval(watch);
  v.removeEventListener('ended', onEnded);
  v.removeEventListener('pause', onPause);
  const end_time_s = v.currentTime;
  for (const t of stream.getTracks()) t.stop();
  restore();
  await sending;
  if (failed) throw failed;
  await out.drained();
  out.post({ t: 'end', recorded_s, stopped, end_time_s });

  /** Leave the video as the user had it: paused again if we started it, sound as it was. */
  function restore() {
    if (startedPlayback && !v!.ended) v!.pause();
    if (mutedToPlay) v!.muted = wasMuted;
  }
}
