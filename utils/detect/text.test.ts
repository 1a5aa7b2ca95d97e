import { describe, expect, it } from 'vitest';
import { normalise, SEP_SENTENCE, sentenceRange, tokenize } from './text';

describe('tokenize', () => {
  it('keeps offsets into the original text and folds tokens', () => {
    const text = 'Задержанного Ёжика — в ОВД.';
    const t = tokenize(text);
    expect(t.norm).toEqual(['задержанного', 'ежика', 'в', 'овд']);
    expect(text.slice(t.start[1], t.end[1])).toBe('Ёжика');
  });

  it('keeps Ukrainian apostrophes and soft hyphens inside words', () => {
    expect(tokenize("в'язниця при\u00adміщення").norm).toEqual(['вязниця', 'приміщення']);
    expect(normalise('Ґрати')).toBe('ґрати');
  });

  it('splits sentences at full stops and newlines but not after abbreviations or initials', () => {
    const t = tokenize('Его судят по ст. 207.3 УК. И. Петров вышел в г. Москва.\nНовая строка');
    const sentences = t.sentenceStart
      .map((_, s) => sentenceRange(t, s))
      .map(([a, b]) => t.norm.slice(a, b).join(' '));
    expect(sentences).toEqual([
      'его судят по ст 207 3 ук',
      'и петров вышел в г москва',
      'новая строка',
    ]);
    expect((t.sep[t.sentenceStart[1] ?? 0] ?? 0) & SEP_SENTENCE).toBeTruthy();
  });
});
