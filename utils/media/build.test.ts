import { describe, expect, it } from 'vitest';
import { buildMediaCapture, extensionFor, recordingNote, type MediaBuildInput } from './build';

const staged = (sha = 'a'.repeat(64), size = 1000) => ({
  artifact_id: crypto.randomUUID(),
  sha256: sha,
  size,
  chunk_count: 1,
});

const base: Omit<MediaBuildInput, 'bytes'> = {
  media: {
    ref: 'm1',
    kind: 'video',
    origin: 'http',
    src: 'https://cdn.test/v/raid.mp4?x=1',
    candidates: ['https://cdn.test/v/raid.mp4?x=1'],
    width: 1280,
    height: 720,
    duration_s: 12.3456,
    poster: 'https://cdn.test/v/p.jpg',
    size: null,
    rect: { x: 0, y: 0, width: 640, height: 360 },
    label: 'Raid at the metro',
    type: null,
    media_error: null,
  },
  page: {
    url: 'https://news.test/a',
    title: 'News',
    user_agent: 'UA',
    time_zone: 'Europe/Vilnius',
    viewport: { width: 1280, height: 800 },
    device_pixel_ratio: 1,
  },
  posters: [],
  notes: [],
  caseId: null,
  pageItemId: '11111111-1111-4111-8111-111111111111',
  extensionVersion: '0.1.0',
  browserName: 'Chromium',
  capturedAt: '2026-11-25T10:00:00.000Z',
};

describe('media items', () => {
  it('names files by media type, or by the URL when the type says nothing', () => {
    expect(extensionFor('video/mp4; codecs=avc1')).toBe('mp4');
    expect(extensionFor('application/octet-stream', 'https://x.test/a/clip.MOV?x')).toBe('mov');
    expect(extensionFor('application/octet-stream')).toBe('bin');
  });

  it('builds a downloaded video with the spec source fields and the response headers', () => {
    const c = buildMediaCapture({
      ...base,
      bytes: {
        via: 'http',
        staged: staged(),
        media_type: 'video/mp4',
        url: base.media.src!,
        final_url: 'https://cdn2.test/raid.mp4',
        status: 200,
        headers: { 'content-type': 'video/mp4', etag: '"x"' },
        resumed: 1,
        fetched_at: '2026-11-25T10:00:00.000Z',
      },
    });
    expect(c.kind).toBe('video');
    expect(c.url).toBe('https://cdn2.test/raid.mp4');
    expect(c.requested_url).toBe(base.media.src);
    expect(c.source).toMatchObject({
      src_url: base.media.src,
      page_url: 'https://news.test/a',
      page_item_id: base.pageItemId,
      duration_s: 12.346,
      width: 1280,
      height: 720,
      capture_method: 'download',
    });
    expect(c.artifacts.map((a) => [a.role, a.name])).toEqual([
      ['media', 'video.mp4'],
      ['metadata', 'capture.json'],
    ]);
    const record = JSON.parse(new TextDecoder().decode(c.artifacts[1]!.bytes)) as {
      bytes: { headers: Record<string, string>; resumed: number };
    };
    expect(record.bytes.headers.etag).toBe('"x"');
    expect(c.alterations.join(' ')).toMatch(/resumed 1 time/);
    // Identical files are "identical" observations: the digest is over the file's hash.
    expect(c.content_text).toBe(`media sha256 ${'a'.repeat(64)}`);
  });

  it('says plainly what a recording is, and takes the decoded duration and thumbnails', () => {
    const bytes = {
      via: 'recording' as const,
      staged: staged(),
      media_type: 'video/webm',
      recorder: {
        mime_type: 'video/webm;codecs=vp9,opus',
        video_bits_per_second: 5_000_000,
        audio_bits_per_second: 128_000,
        tracks: ['video: x', 'audio: y'],
        started_playback: true,
        muted_to_play: true,
        start_time_s: 3,
      },
      requested: 30 as const,
      recorded_s: 30.2,
      stopped: 'duration',
      end_time_s: 33.1,
      started_at: '2026-11-25T10:00:00.000Z',
      why: 'its blob: URL is a MediaSource',
    };
    const note = recordingNote(bytes);
    expect(note).toContain('not the original file');
    expect(note).toContain('5.0 Mbit/s');
    expect(note).toContain('128 kbit/s audio');
    expect(note).toContain('muted');
    const c = buildMediaCapture({
      ...base,
      media: { ...base.media, origin: 'media_source', src: 'blob:https://news.test/1' },
      bytes,
      thumbnails: {
        ok: true,
        duration_s: 30.04,
        width: 1280,
        height: 720,
        frames: [{ at_s: 2.5, bytes: new Uint8Array([0xff, 0xd8]) }],
      },
    });
    expect(c.source).toMatchObject({ capture_method: 'recording', duration_s: 30.04 });
    expect(c.url).toBe('https://news.test/a');
    expect(c.artifacts.map((a) => a.name)).toEqual(['video.webm', 'frame-1.jpg', 'capture.json']);
  });

  it('keeps the URL and pictures only, and says why, when there are no bytes', () => {
    const c = buildMediaCapture({
      ...base,
      bytes: { via: 'none', why: 'the download failed' },
      posters: [
        {
          staged: staged('b'.repeat(64)),
          media_type: 'image/jpeg',
          url: base.media.poster!,
          kind: 'poster',
        },
      ],
    });
    expect(c.source.capture_method).toBe('poster_only');
    expect(c.artifacts.map((a) => a.name)).toEqual(['poster.jpg', 'capture.json']);
    expect(c.alterations[0]).toContain('only the URL and a picture');
  });
});
