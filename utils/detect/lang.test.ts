import { describe, expect, it } from 'vitest';
import { detectLanguage } from './lang';

describe('detectLanguage', () => {
  it.each([
    ['Полиция задержала активистов у метро, сообщает ОВД-Инфо.', 'ru'],
    ['Працівники ТЦК затримали чоловіка біля супермаркету, повідомили родичі.', 'uk'],
    ['Police detained activists outside the metro station.', 'en'],
    // Ukrainian without і/ї/є in the first words still tells by its function words.
    ['Суд засудив студента, що писав про війну, та його друга', 'uk'],
    // A Russian text quoting an English name stays Russian.
    ['Суд оштрафовал издание The Insider за отсутствие маркировки', 'ru'],
  ] as const)('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('falls back to Russian on empty text', () => {
    expect(detectLanguage('')).toBe('ru');
  });
});
