import { describe, expect, it } from 'vitest';
import type { TelegramPost } from '../telegram';
import { compareWithEmbed, embedUrl, secondPathNote } from './telegram-second-path';

const post: TelegramPost = {
  adapter: 'webk',
  channel: 'oblava_monitor_demo',
  post_id: 301,
  permalink: 'https://t.me/oblava_monitor_demo/301',
  published_at: '2025-03-10T06:40:00.000Z',
  text_html: '',
  text: 'Облава у метро\nминимум четверых',
  media: [],
  album: false,
};
const base = {
  url: 'https://t.me/oblava_monitor_demo/301?embed=1',
  fetched_at: '2026-01-01T00:00:00.000Z',
  status: 200,
};

describe('second-path check', () => {
  it('has an embed URL only for web-client posts of channels with a public username', () => {
    expect(embedUrl(post)).toBe('https://t.me/oblava_monitor_demo/301?embed=1');
    expect(embedUrl({ ...post, channel: 'c/1987654321' })).toBeNull();
    expect(embedUrl({ ...post, adapter: 'tme_s' })).toBeNull();
  });
  it('agrees when text (whitespace aside) and instant are the same', () => {
    const r = compareWithEmbed(
      post,
      { ...post, adapter: 'tme_embed', text: 'Облава у метро  минимум четверых' },
      base,
    );
    expect(r).toMatchObject({ text_agrees: true, date_agrees: true });
    expect(secondPathNote(r)).toContain('the text agrees; the date agrees');
  });
  it('says when the text or date differ, or the post is gone', () => {
    const edited = compareWithEmbed(
      post,
      { ...post, text: 'другой текст', published_at: '2025-03-10T06:41:00.000Z' },
      base,
    );
    expect(secondPathNote(edited)).toContain(
      'the text DIFFERS from what the web client showed; the date DIFFERS',
    );
    expect(secondPathNote(compareWithEmbed(post, null, base))).toContain('shows no such post');
    expect(secondPathNote({ ...base, error: 'HTTP 502' })).toContain('could not be used: HTTP 502');
  });
});

describe('second-path check in the item', () => {
  it('keeps embed.html as served and says what the check found', async () => {
    const { buildTelegramCapture } = await import('./telegram-build');
    const html = new TextEncoder().encode('<html>embed</html>');
    const result = compareWithEmbed(post, { ...post, text: 'другой текст' }, base);
    const c = buildTelegramCapture({
      post,
      pageUrl: 'https://web.telegram.org/k/#@oblava_monitor_demo',
      screenshotPng: new Uint8Array([1]),
      screenshotNotes: [],
      media: [],
      environment: {},
      caseId: null,
      extensionVersion: '0',
      browserName: 'x',
      capturedAt: '2026-01-01T00:00:01.000Z',
      trigger: 'post_control',
      secondPath: { result, html: { bytes: html, media_type: 'text/html; charset=utf-8' } },
    });
    expect(c.artifacts.find((a) => a.name === 'embed.html')).toMatchObject({
      role: 'html_served',
      bytes: html,
    });
    expect(c.alterations).toContainEqual(expect.stringContaining('the text DIFFERS'));
    const record = JSON.parse(
      new TextDecoder().decode(c.artifacts.find((a) => a.name === 'capture.json')!.bytes),
    ) as {
      second_path: { text_agrees: boolean };
    };
    expect(record.second_path.text_agrees).toBe(false);
  });
});
