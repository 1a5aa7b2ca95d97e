import { describe, expect, it } from 'vitest';
import type { TelegramPost } from '../telegram';
import { embedUrlOfSource, recheckOutcome } from './telegram-second-path';

const stored = {
  post_id: 301,
  text: 'Облава у метро\nминимум четверых',
  published_at: '2025-03-10T06:40:00.000Z',
};
const embed: TelegramPost = {
  adapter: 'tme_embed',
  channel: 'oblava_monitor_demo',
  post_id: 301,
  permalink: 'https://t.me/oblava_monitor_demo/301',
  published_at: '2025-03-10T06:40:00+00:00',
  text_html: '',
  text: 'Облава у метро  минимум четверых',
  media: [],
  album: false,
};
const base = {
  url: 'https://t.me/oblava_monitor_demo/301?embed=1',
  fetched_at: '2026-01-01T00:00:00.000Z',
};
const ok = (e: TelegramPost | null) => ({ ok: true as const, status: 200, embed: e });

describe('re-check URL of a saved post', () => {
  it('is the public embed of channel and post id, whatever layout the post was clipped from', () => {
    expect(embedUrlOfSource({ channel: 'oblava_monitor_demo', post_id: 301 })).toBe(
      'https://t.me/oblava_monitor_demo/301?embed=1',
    );
  });
  it('is null for a private chat, a bad id or a missing source', () => {
    expect(embedUrlOfSource({ channel: 'c/1987654321', post_id: 301 })).toBeNull();
    expect(embedUrlOfSource({ channel: 'oblava_monitor_demo', post_id: 0 })).toBeNull();
    expect(embedUrlOfSource({ channel: 'oblava_monitor_demo', post_id: '301' })).toBeNull();
    expect(embedUrlOfSource({ channel: 'ab', post_id: 301 })).toBeNull();
    expect(embedUrlOfSource({})).toBeNull();
  });
});

describe('re-check outcome', () => {
  it('is unchanged when text (whitespace aside) and instant agree', () => {
    expect(recheckOutcome(stored, ok(embed), base)).toEqual({
      ...base,
      status: 200,
      result: 'unchanged',
      text_agrees: true,
      date_agrees: true,
    });
  });
  it('is edited when the text differs', () => {
    expect(recheckOutcome(stored, ok({ ...embed, text: 'Облава у метро' }), base)).toMatchObject({
      result: 'edited',
      text_agrees: false,
      date_agrees: true,
    });
  });
  it('is edited when the date differs', () => {
    const later = { ...embed, published_at: '2025-03-10T06:41:00.000Z' };
    expect(recheckOutcome(stored, ok(later), base)).toMatchObject({
      result: 'edited',
      text_agrees: true,
      date_agrees: false,
    });
  });
  it('does not count a date it cannot read on both sides as a difference', () => {
    const r = recheckOutcome({ ...stored, published_at: null }, ok(embed), base);
    expect(r.result).toBe('unchanged');
    expect(r).not.toHaveProperty('date_agrees');
  });
  it('is deleted when the embed shows no post, or another one', () => {
    expect(recheckOutcome(stored, ok(null), base)).toEqual({
      ...base,
      status: 200,
      result: 'deleted',
    });
    expect(recheckOutcome(stored, ok({ ...embed, post_id: 302 }), base).result).toBe('deleted');
  });
  it('is unreachable when the fetch failed, the answer was not 2xx, or the embed hides the post', () => {
    expect(recheckOutcome(stored, { ok: false, error: 'Failed to fetch' }, base)).toEqual({
      ...base,
      result: 'unreachable',
      error: 'Failed to fetch',
    });
    expect(recheckOutcome(stored, { ok: false, status: 502, error: 'HTTP 502' }, base)).toEqual({
      ...base,
      status: 502,
      result: 'unreachable',
      error: 'HTTP 502',
    });
    const hidden = { ...embed, text: '', unsupported: true, unsupported_reason: 'sensitive' };
    expect(recheckOutcome(stored, ok(hidden), base)).toMatchObject({
      result: 'unreachable',
      error: "the embed does not show this post's content (sensitive)",
    });
  });
});
