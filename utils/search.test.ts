import { describe, expect, it } from 'vitest';
import { foldText, queryTokens, searchTokens } from './search';

describe('foldText', () => {
  it('lowercases, folds ё to е and drops stress marks', () => {
    expect(foldText('ЁЛКА Ёж ёлка')).toBe('елка еж елка');
    expect(foldText('заде\u0301ржан')).toBe('задержан');
    expect(foldText('  Много\t\n пробелов  ')).toBe('много пробелов');
  });
  it('does not depend on the locale (Turkish dotted I)', () => {
    expect(foldText('İSTANBUL Istanbul')).toBe('istanbul istanbul');
  });
  it('folds compatibility forms', () => {
    expect(foldText('ﬁle ＡＢＣ')).toBe('file abc');
  });
});

describe('searchTokens', () => {
  it('keeps unique words of two letters or more, Cyrillic, Latin and digits', () => {
    expect(searchTokens('Задержан в/ч 21005, задержан! Detained a man.')).toEqual([
      'задержан',
      '21005',
      'detained',
      'man',
    ]);
  });
  it('keeps Ukrainian words whole (ґ stays ґ, є alone is too short), apostrophes joined', () => {
    expect(searchTokens("Ґанок їжак є м'ясо п’ять")).toEqual(['ґанок', 'іжак', 'мясо', 'пять']);
  });
  it('stops at max tokens', () => {
    expect(searchTokens('aa bb cc dd', 2)).toEqual(['aa', 'bb']);
  });
});

describe('queryTokens', () => {
  it('folds the query like the text and keeps one-letter tokens', () => {
    expect(queryTokens('Ёлка В')).toEqual(['елка', 'в']);
    expect(queryTokens("м'ясо Ї")).toEqual(['мясо', 'і']);
    expect(queryTokens('   ')).toEqual([]);
  });
});
