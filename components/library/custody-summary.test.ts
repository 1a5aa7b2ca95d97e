import { describe, expect, it } from 'vitest';
import { summariseCustodyLine } from './custody-summary';

const h = 'a'.repeat(64);

describe('summariseCustodyLine', () => {
  it('names artifact roles of a capture', () => {
    const line = JSON.stringify({
      seq: 0,
      at: '2026-01-01T00:00:00.000Z',
      action: 'captured',
      prev: '0'.repeat(64),
      data: {
        artifacts: [
          { role: 'html_snapshot', sha256: h },
          { role: 'screenshot', sha256: h },
        ],
      },
    });
    expect(summariseCustodyLine(line)).toBe('artifacts: 2: html_snapshot, screenshot');
  });
  it('shows tags and case titles', () => {
    const tagged = JSON.stringify({
      seq: 1,
      action: 'tagged',
      data: { tags: ['в/ч 21005', 'ТЦК'], added: ['ТЦК'], removed: [] },
    });
    expect(summariseCustodyLine(tagged)).toBe('tags: в/ч 21005, ТЦК; added: ТЦК');
    const assigned = JSON.stringify({ seq: 2, action: 'case_assigned', data: { case_id: 'c1' } });
    expect(summariseCustodyLine(assigned, new Map([['c1', 'Рейды в метро']]))).toBe(
      'case_id: Рейды в метро',
    );
  });
  it('names a case once and marks failed files of a check', () => {
    const assigned = JSON.stringify({
      seq: 4,
      action: 'case_assigned',
      data: { case_id: 'c1', case_title: 'Рейды' },
    });
    expect(summariseCustodyLine(assigned)).toBe('case_title: Рейды');
    const checked = JSON.stringify({
      seq: 5,
      action: 'integrity_checked',
      data: {
        ok: false,
        artifacts: [
          { path: 'items/x/page.html', sha256: h, ok: true },
          { path: 'items/x/shot.png', ok: false },
        ],
      },
    });
    expect(summariseCustodyLine(checked)).toBe('ok: false; artifacts: 2: page.html, shot.png ✗');
  });
  it('shortens hashes and long text, and survives non-JSON', () => {
    const noted = JSON.stringify({
      seq: 3,
      action: 'noted',
      data: { notes_sha256: h, notes: 'x'.repeat(500) },
    });
    const s = summariseCustodyLine(noted);
    expect(s).toContain('notes_sha256: aaaaaaaa…');
    expect(s.length).toBeLessThanOrEqual(160);
    expect(summariseCustodyLine('not json')).toBe('not json');
  });
});
