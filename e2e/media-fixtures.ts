/**
 * Media files for the media tests, made by the test's own Chromium (there is no ffmpeg here):
 * a VP8 WebM recorded from a canvas with MediaRecorder (which MSE can also play), an H.264 MP4
 * recorded the same way (Chromium's MediaRecorder writes MP4 since version 126), and PNG
 * pictures drawn on a canvas. Each run makes them afresh; the tests compare the stored bytes with
 * these exact bytes.
 */
import type { Page } from 'playwright-core';

export interface MediaFixtures {
  webm: Buffer;
  /** An H.264 MP4 of the same length. */
  mp4: Buffer;
  /** Seconds of video in `webm` and `mp4`. */
  seconds: number;
  pngs: Record<string, Buffer>;
}

/** `withMp4: false` where the browser cannot record H.264 (Firefox): `mp4` is then empty. */
export async function makeFixtures(
  page: Page,
  seconds = 6,
  withMp4 = true,
): Promise<MediaFixtures> {
  const out = await page.evaluate(
    async ({ seconds, withMp4 }) => {
      const toB64 = async (b: Blob) => {
        const u = new Uint8Array(await b.arrayBuffer());
        let s = '';
        for (let i = 0; i < u.length; i += 0x8000)
          s += String.fromCharCode(...u.subarray(i, i + 0x8000));
        return btoa(s);
      };
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      document.body.append(canvas);
      const g = canvas.getContext('2d')!;
      const draw = (t: number) => {
        g.fillStyle = `hsl(${(t * 60) % 360} 70% 45%)`;
        g.fillRect(0, 0, 320, 180);
        g.fillStyle = '#fff';
        g.font = 'bold 48px sans-serif';
        g.fillText(`${t.toFixed(1)} s`, 90, 110);
      };
      const record = async (mimeType: string): Promise<string> => {
        if (!MediaRecorder.isTypeSupported(mimeType))
          throw new Error(`this Chromium cannot record ${mimeType}`);
        draw(0);
        const stream = canvas.captureStream(25);
        const rec = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 400_000 });
        const parts: Blob[] = [];
        rec.ondataavailable = (e) => parts.push(e.data);
        const stopped = new Promise((r) => (rec.onstop = r));
        const t0 = performance.now();
        rec.start(500);
        await new Promise<void>((resolve) => {
          const tick = () => {
            const t = (performance.now() - t0) / 1000;
            draw(t);
            if (t >= seconds) return resolve();
            requestAnimationFrame(tick);
          };
          // rAF may be throttled in a background page: a timer keeps the frames coming.
          const iv = setInterval(() => {
            const t = (performance.now() - t0) / 1000;
            draw(t);
            if (t >= seconds) {
              clearInterval(iv);
              resolve();
            }
          }, 40);
          void tick;
        });
        rec.stop();
        await stopped;
        stream.getTracks().forEach((t) => t.stop());
        return toB64(new Blob(parts, { type: mimeType }));
      };
      const webm = await record('video/webm;codecs=vp8');
      const mp4 = withMp4 ? await record('video/mp4;codecs=avc1.42E01E') : '';
      const png = async (w: number, h: number, hue: number, label: string) => {
        const c = document.createElement('canvas');
        c.width = w;
        c.height = h;
        const x = c.getContext('2d')!;
        x.fillStyle = `hsl(${hue} 60% 50%)`;
        x.fillRect(0, 0, w, h);
        x.fillStyle = '#000';
        x.font = `${Math.max(8, Math.round(h / 6))}px sans-serif`;
        x.fillText(label, 4, h / 2);
        return toB64(await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png')));
      };
      const pngs: Record<string, string> = {
        'photo-a.png': await png(600, 400, 10, 'courtroom A'),
        'photo-a-small.png': await png(300, 200, 40, 'small A'),
        'photo-b.png': await png(600, 400, 120, 'basement B'),
        'photo-c.png': await png(300, 200, 200, 'checkpoint C'),
        'photo-c-2x.png': await png(600, 400, 240, 'checkpoint C 2x'),
        'pixel.png': await png(1, 1, 0, ''),
        'poster.png': await png(480, 270, 300, 'poster'),
        'tile.png': await png(96, 96, 60, 'tile'),
      };
      return { webm, mp4, pngs };
    },
    { seconds, withMp4 },
  );
  return {
    webm: Buffer.from(out.webm, 'base64'),
    mp4: Buffer.from(out.mp4, 'base64'),
    seconds,
    pngs: Object.fromEntries(
      Object.entries(out.pngs).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
    ),
  };
}
