// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { learn, resetModel } from '../detect';
import { collectPage } from '../page/collect';
import { loadHtml, type TestPage } from '../page/test-dom';
import { Detection } from '../schemas';
import { buildPageCapture, type BuildInput } from './build';

const E2E_PAGES = join(import.meta.dirname, '..', '..', 'e2e', 'pages');
let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

function input(file: string, detection: BuildInput['detection']): BuildInput {
  page = loadHtml(readFileSync(join(E2E_PAGES, file), 'utf8'), `https://news.example/${file}`);
  return {
    page: collectPage(page.win),
    screenshotPng: new Uint8Array([137, 80, 78, 71]),
    served: { error: 'not fetched in this test' },
    caseId: null,
    extensionVersion: '0.0.0',
    browserName: 'test',
    capturedAt: '2026-11-25T12:00:00.000Z',
    detection,
  };
}

describe('detection at capture', () => {
  it('stores score, categories and entities of the captured text, within the item schema', () => {
    const built = buildPageCapture(input('ru-raid.html', { model: resetModel() }));
    expect(Detection.safeParse(built.detection).success).toBe(true);
    expect(built.detection!.score).toBeGreaterThan(0.9);
    expect(built.detection!.categories.map((c) => c.id)).toContain('arbitrary_detention');
    expect(built.detection!.entities).toContainEqual(
      expect.objectContaining({ type: 'military_unit', value: '21005' }),
    );
    // Entity offsets point into the text the item keeps.
    for (const e of built.detection!.entities)
      expect(built.text.slice(e.start, e.end)).toBe(e.text);
    expect(Object.keys(built.detection!).sort()).toEqual(['categories', 'entities', 'score']);
  });

  it('applies the learned model, and stores nothing when detection is off', () => {
    const shipped = buildPageCapture(input('ru-raid.html', { model: resetModel() })).detection!
      .score;
    const text = buildPageCapture(input('ru-raid.html', null)).text;
    const model = learn(learn(resetModel(), text, false), text, false);
    expect(buildPageCapture(input('ru-raid.html', { model })).detection!.score).toBeLessThan(
      shipped,
    );
    expect(buildPageCapture(input('ru-raid.html', null)).detection).toBeNull();
    expect(
      buildPageCapture(input('detect-sports.html', { model: resetModel() })).detection!.categories,
    ).toEqual([]);
  });
});
