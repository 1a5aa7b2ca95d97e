import { describe, expect, it } from 'vitest';
import { extractEntities, isPoliticalArticle } from './entities';
import { isoDate } from './entities-dates';
import type { EntityType, Lang } from './types';

/** [type, text, value] of every entity of `types` in `text`. */
function found(
  text: string,
  lang: Lang,
  ...types: EntityType[]
): Array<[EntityType, string, string]> {
  return extractEntities(text, lang)
    .filter((e) => types.length === 0 || types.includes(e.type))
    .map((e) => [e.type, e.text, e.value]);
}

describe('military units', () => {
  it.each([
    ['Его отправили в в/ч 21005 под Белгородом.', 'ru', 'в/ч 21005', '21005'],
    ['Командование войсковой части № 21005 не отвечает.', 'ru', 'войсковой части № 21005', '21005'],
    ['Військова частина А0000 не відповідає родині.', 'uk', 'Військова частина А0000', 'А0000'],
    ['у в/ч А1234 його били', 'uk', 'в/ч А1234', 'А1234'],
    ['military unit No. 21005 refused to comment', 'en', 'military unit No. 21005', '21005'],
    // Latin A typed instead of Cyrillic А is normalised to Cyrillic.
    ['військової частини A4512', 'uk', 'військової частини A4512', 'А4512'],
  ] as const)('%s', (text, lang, entityText, value) => {
    expect(found(text, lang, 'military_unit')).toEqual([['military_unit', entityText, value]]);
  });

  it('offsets point into the given text', () => {
    const text = 'Срочников из в/ч 54046 вынуждают подписывать контракты.';
    const [e] = extractEntities(text, 'ru').filter((x) => x.type === 'military_unit');
    expect(e && text.slice(e.start, e.end)).toBe('в/ч 54046');
  });
});

describe('legal articles', () => {
  it.each([
    ['возбудили дело по ст. 328 УК РФ', 'ru', 'ст. 328 УК РФ', 'УК РФ 328'],
    ['статья 207.3 предусматривает до 15 лет', 'ru', 'статья 207.3', 'УК РФ 207.3'],
    ['по ч. 2 ст. 280.3 УК за пост', 'ru', 'ч. 2 ст. 280.3 УК', 'УК РФ 280.3 ч. 2'],
    ['(ч. 2 ст. 330.1 УК РФ)', 'ru', 'ч. 2 ст. 330.1 УК РФ', 'УК РФ 330.1 ч. 2'],
    ['оштрафовали по статье 20.3.3 КоАП', 'ru', 'статье 20.3.3 КоАП', 'КоАП РФ 20.3.3'],
    ['засудили за стаття 336 ККУ', 'uk', 'стаття 336 ККУ', 'ККУ 336'],
    [
      'charged under Article 207.3 of the Criminal Code',
      'en',
      'Article 207.3 of the Criminal Code',
      'УК РФ 207.3',
    ],
  ] as const)('%s', (text, lang, entityText, value) => {
    expect(found(text, lang, 'legal_article')).toEqual([['legal_article', entityText, value]]);
  });

  it('knows which articles are used against dissent', () => {
    expect(isPoliticalArticle('УК РФ 207.3')).toBe(true);
    expect(isPoliticalArticle('УК РФ 280.3 ч. 2')).toBe(true);
    expect(isPoliticalArticle('УК РФ 158')).toBe(false);
  });
});

describe('dates', () => {
  it.each([
    ['Его задержали 12 марта 2024 года у метро.', 'ru', '12 марта 2024 года', '2024-03-12'],
    ['Повестку вручили 1 декабря 2024 г.', 'ru', '1 декабря 2024 г.', '2024-12-01'],
    ['Ночью 30 ноября полиция пришла в клуб', 'ru', '30 ноября', '--11-30'],
    ['Дело завели в апреле 2022 года', 'ru', 'апреле 2022 года', '2022-04'],
    ['Заседание 12.03.2024 отложили', 'ru', '12.03.2024', '2024-03-12'],
    ['Його викрали 5 квітня 2023 року', 'uk', '5 квітня 2023 року', '2023-04-05'],
    ['у березні 2024 року', 'uk', 'березні 2024 року', '2024-03'],
    ['He was detained on March 12, 2024.', 'en', 'March 12, 2024', '2024-03-12'],
    ['on 3 May 2023 police came', 'en', '3 May 2023', '2023-05-03'],
  ] as const)('%s', (text, lang, entityText, value) => {
    expect(found(text, lang, 'date')).toEqual([['date', entityText, value]]);
  });

  it('rejects impossible dates', () => {
    expect(isoDate(31, 2, 2024)).toBeUndefined();
    expect(isoDate(29, 2, 2024)).toBe('2024-02-29');
    expect(found('версия 45.13.2024', 'ru', 'date')).toEqual([]);
  });
});

describe('enlistment offices and detention places', () => {
  it('finds offices with a canonical value', () => {
    expect(
      found('Их отвезли в военкомат Академического района', 'ru', 'enlistment_office'),
    ).toEqual([['enlistment_office', 'военкомат', 'военкомат']]);
    expect(found('сотрудники военного комиссариата', 'ru', 'enlistment_office')).toEqual([
      ['enlistment_office', 'военного комиссариата', 'военкомат'],
    ]);
    expect(found('Співробітники ТЦК та СП затримали чоловіка', 'uk', 'enlistment_office')).toEqual([
      ['enlistment_office', 'ТЦК та СП', 'ТЦК та СП'],
    ]);
    expect(found('taken to a military enlistment office', 'en', 'enlistment_office')).toEqual([
      ['enlistment_office', 'military enlistment office', 'military enlistment office'],
    ]);
  });

  it('finds detention places, including the slang "на подвале"', () => {
    expect(found('Его держат на подвале в Зайцево', 'ru', 'detention_place')).toEqual([
      ['detention_place', 'на подвале', 'подвал'],
    ]);
    expect(found('В СИЗО-2 Саратова умер фигурант', 'ru', 'detention_place')).toEqual([
      ['detention_place', 'СИЗО-2', 'СИЗО-2'],
    ]);
    expect(found('поместили в СИЗО «Лефортово»', 'ru', 'detention_place')).toEqual([
      ['detention_place', 'СИЗО «Лефортово»', 'СИЗО «Лефортово»'],
    ]);
    expect(found('В ИВС Махачкалы скончался задержанный', 'ru', 'detention_place')).toEqual([
      ['detention_place', 'ИВС', 'ИВС'],
    ]);
    expect(found('Заключённые ИК-6 пожаловались', 'ru', 'detention_place')).toEqual([
      ['detention_place', 'ИК-6', 'ИК-6'],
    ]);
    expect(found('held in SIZO-1 in Simferopol', 'en', 'detention_place')).toEqual([
      ['detention_place', 'SIZO-1', 'SIZO-1'],
    ]);
  });

  it('does not take a sentence length ("к 8 годам колонии") for a place', () => {
    expect(found('приговорили к восьми годам колонии', 'ru', 'detention_place')).toEqual([]);
  });
});

describe('places, organisations, people', () => {
  it('normalises city and region names', () => {
    expect(found('В Курской области и в Москве', 'ru', 'place').map((e) => e[2])).toEqual([
      'Курская область',
      'Москва',
    ]);
    expect(
      found('у Херсонській області, на Луганщині, у Києві', 'uk', 'place').map((e) => e[2]),
    ).toEqual(['Херсонська область', 'Луганщина', 'Київ']);
    expect(found('in Kursk region and in Kharkiv', 'en', 'place').map((e) => e[2])).toEqual([
      'Kursk region',
      'Kharkiv',
    ]);
  });

  it('finds rights groups and quoted names after "фонд", "проект"', () => {
    expect(
      found('сообщает ОВД-Инфо; «Мемориал» и фонд «Право на отказ»', 'ru', 'organisation').map(
        (e) => e[2],
      ),
    ).toEqual(['ОВД-Инфо', 'Мемориал', 'Право на отказ']);
    expect(
      found('according to Amnesty International and Human Rights Watch', 'en', 'organisation').map(
        (e) => e[2],
      ),
    ).toEqual(['Amnesty International', 'Human Rights Watch']);
  });

  it('finds names with patronymics, initials and known first names', () => {
    expect(
      found('Суд приговорил Сергея Петровича Иванова', 'ru', 'person').map((e) => e[1]),
    ).toEqual(['Сергея Петровича Иванова']);
    expect(found('адвокат И. И. Петрова заявила', 'ru', 'person').map((e) => e[1])).toEqual([
      'И. И. Петрова',
    ]);
    expect(found('учителя Игоря Дымова', 'ru', 'person').map((e) => e[1])).toEqual([
      'Игоря Дымова',
    ]);
    expect(found('lawyer Ivan Petrov said', 'en', 'person').map((e) => e[1])).toEqual([
      'Ivan Petrov',
    ]);
  });
});
