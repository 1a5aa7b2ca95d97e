import { describe, expect, it } from 'vitest';
import { detect } from './index';

const RAID =
  'У станции метро «Выхино» полицейские и сотрудники военкомата задержали около тридцати мужчин. Их увезли в военкомат, где вручили повестки; телефоны отобрали.';

describe('detect', () => {
  it('flags a street raid by an enlistment office, with categories, passages and entities', () => {
    const r = detect(RAID);
    expect(r.is_violation).toBe(true);
    expect(r.lang).toBe('ru');
    expect(r.categories.map((c) => c.id)).toContain('forced_conscription');
    expect(r.passages.length).toBeGreaterThan(0);
    for (const p of r.passages) {
      // Offsets are into the given text: a content script maps them to DOM ranges.
      expect(RAID.slice(p.start, p.end).length).toBeGreaterThan(10);
      expect(p.score).toBeGreaterThan(0);
    }
    expect(r.entities.filter((e) => e.type === 'enlistment_office').map((e) => e.value)).toContain(
      'военкомат',
    );
    const sorted = [...r.categories].sort((a, b) => b.score - a.score);
    expect(r.categories).toEqual(sorted);
  });

  it.each([
    [
      'battle report',
      'Подразделения ВДВ отразили три контратаки противника у Работино, уничтожены танк и два бронеавтомобиля, сообщило Минобороны.',
    ],
    [
      'conscription decree',
      'Президент подписал указ о весеннем призыве: с 1 апреля по 15 июля на срочную службу призовут 160 тысяч граждан.',
    ],
    [
      'recruitment ad',
      'Служба по контракту: единовременная выплата 800 тысяч рублей, жильё и льготы семье. Звоните в пункт отбора!',
    ],
    [
      'legal explainer',
      'Памятка призывнику: повестку обязаны вручить лично под подпись, а отсрочку по учёбе подтверждает справка из вуза.',
    ],
    [
      'ordinary crime',
      'В Подольске задержан мужчина, ограбивший ювелирный магазин; возбуждено дело о разбое.',
    ],
    ['sports', 'ЦСКА обыграл «Спартак» со счётом 3:1, хет-трик оформил нападающий армейцев.'],
    ['weather', 'Синоптики обещают в выходные мокрый снег и порывы ветра до 20 м/с.'],
  ])('does not flag a %s', (_kind, text) => {
    expect(detect(text).is_violation).toBe(false);
  });

  it('does not flag negated or denied detentions', () => {
    expect(
      detect('В полиции заявили, что никого не задерживали: участники акции разошлись сами.')
        .is_violation,
    ).toBe(false);
    expect(
      detect(
        'МВД опровергло сообщения о задержании студентов в общежитии — проводилась плановая проверка.',
      ).is_violation,
    ).toBe(false);
    expect(
      detect('The ministry denied reports that police had detained students at a dormitory.')
        .is_violation,
    ).toBe(false);
  });

  it('still flags a report where the authorities deny what witnesses describe', () => {
    const r = detect(
      'Мужчину увезли люди в балаклавах, и родные не знают, где он. В полиции отрицают задержание.',
    );
    expect(r.is_violation).toBe(true);
    expect(r.categories.map((c) => c.id)).toContain('enforced_disappearance');
  });

  it('works in Ukrainian and English', () => {
    const uk = detect(
      'У Львові працівники ТЦК силоміць затягнули чоловіка в бус, хоча він мав відстрочку.',
    );
    expect(uk).toMatchObject({ is_violation: true, lang: 'uk' });
    const en = detect(
      'A court fined a teacher for “discrediting” the army over an anti-war post on social media.',
    );
    expect(en).toMatchObject({ is_violation: true, lang: 'en' });
    expect(en.categories[0]?.id).toBe('political_prosecution');
  });

  it('matches inflected forms through stems', () => {
    for (const text of [
      'Полиция провела облаву в клубе, посетителей уложили лицом в пол.',
      'Облавы в клубах: силовики уложили гостей лицом в пол.',
    ]) {
      expect(detect(text).categories.map((c) => c.id)).toContain('arbitrary_detention');
    }
  });

  it('ignores the "foreign agent" tag after a cited outlet', () => {
    const r = detect(
      'Курс рубля упал до 110 за доллар, сообщает «Медиазона» (в реестре «иноагентов»). Ставка ЦБ не изменилась.',
    );
    expect(r.is_violation).toBe(false);
  });

  it('honours an explicit language and empty input', () => {
    expect(detect('', { lang: 'uk' })).toMatchObject({
      is_violation: false,
      lang: 'uk',
      categories: [],
      passages: [],
      entities: [],
    });
  });

  it('scans a 2 MB page in bounded time', () => {
    const page = `${'Новости спорта и погоды. '.repeat(40_000)}${RAID}`
      .repeat(2)
      .slice(0, 2 * 1024 * 1024);
    const t0 = performance.now();
    const r = detect(page);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(typeof r.score).toBe('number');
  });
});
