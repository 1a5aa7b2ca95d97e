/**
 * Realistic demo captures for e2e tests and the README screenshot (e2e builds only). The
 * outlets, channels and people are invented; the situations are the ones monitors record.
 */
import type { Detection, ItemKind } from '@/utils/schemas';

/** A demo capture before its artifacts are rendered. */
export interface DemoCapture {
  kind: ItemKind;
  url: string;
  requested_url?: string;
  title: string;
  /** Minutes before "now" the capture is dated. */
  minutesAgo: number;
  lang: 'ru' | 'uk' | 'en';
  source: Record<string, unknown>;
  text: string;
  tags?: string[];
  detection?: Detection | null;
}

const unit = (text: string, value: string) => ({ type: 'military_unit', text, value });

export const DEMO_CAPTURES: DemoCapture[] = [
  {
    kind: 'article',
    url: 'https://vestnik-goroda.example/news/2026/11/oblava-kuzminki',
    title: 'Облава у метро «Кузьминки»: шестерых мужчин увезли в военкомат',
    minutesAgo: 60 * 26,
    lang: 'ru',
    source: {
      site_name: 'Утренний вестник',
      byline: 'Анна Ковалёва',
      published_at: '2026-11-23T06:40:00.000Z',
      lang: 'ru',
      excerpt: 'Сотрудники полиции и военкомата проверяли документы у выхода из метро.',
    },
    text: 'Утром 23 ноября у выхода из метро «Кузьминки» сотрудники полиции и военкомата проверяли документы у мужчин призывного возраста. Шестерых увезли в объединённый военкомат, повестки вручали на месте. Родственники одного из задержанных сообщили, что его собираются направить в в/ч 21005 без медицинского освидетельствования.',
    detection: {
      score: 0.87,
      categories: [
        { id: 'forced_conscription', score: 0.87 },
        { id: 'arbitrary_detention', score: 0.64 },
      ],
      entities: [
        unit('в/ч 21005', '21005'),
        { type: 'enlistment_office', text: 'военкомат', value: 'военкомат' },
      ],
    },
  },
  {
    kind: 'article',
    url: 'https://vestnik-goroda.example/news/2026/11/oblava-kuzminki',
    title: 'Облава у метро «Кузьминки»: семерых мужчин увезли в военкомат',
    minutesAgo: 60 * 3,
    lang: 'ru',
    source: {
      site_name: 'Утренний вестник',
      byline: 'Анна Ковалёва',
      published_at: '2026-11-23T06:40:00.000Z',
      lang: 'ru',
      excerpt: 'Число задержанных выросло до семи; редакция обновила материал.',
    },
    text: 'Утром 23 ноября у выхода из метро «Кузьминки» сотрудники полиции и военкомата проверяли документы у мужчин призывного возраста. Семерых увезли в объединённый военкомат, повестки вручали на месте. Обновлено: один из задержанных, по словам матери, уже находится в в/ч 21005.',
    tags: ['облава', 'в/ч 21005'],
    detection: {
      score: 0.9,
      categories: [{ id: 'forced_conscription', score: 0.9 }],
      entities: [unit('в/ч 21005', '21005')],
    },
  },
  {
    kind: 'telegram_post',
    url: 'https://t.me/s/prizyv_pomosch_example/4812',
    title: 'Призыв. Помощь — пост 4812',
    minutesAgo: 60 * 49,
    lang: 'ru',
    source: {
      channel: 'prizyv_pomosch_example',
      channel_title: 'Призыв. Помощь',
      post_id: 4812,
      permalink: 'https://t.me/prizyv_pomosch_example/4812',
      published_at: '2026-11-22T09:12:00.000Z',
      views: 18400,
    },
    text: 'Пишет мать срочника из Ростовской области: сына и ещё троих ребят держат «на подвале» в Донецке за отказ подписывать контракт. Телефоны забрали, адвоката не пускают. Если вы знаете что-то о в/ч 21005 — напишите нам.',
    tags: ['подвал', 'Донецк'],
    detection: {
      score: 0.93,
      categories: [
        { id: 'arbitrary_detention', score: 0.93 },
        { id: 'torture_ill_treatment', score: 0.55 },
      ],
      entities: [
        unit('в/ч 21005', '21005'),
        { type: 'detention_place', text: 'на подвале', value: 'подвал' },
      ],
    },
  },
  {
    kind: 'article',
    url: 'https://kharkiv-visti.example/2026/11/22/tck-zatrymannia',
    requested_url: 'https://kharkiv-visti.example/?p=99812',
    title: 'У Харкові представники ТЦК силоміць затримали чоловіка на зупинці',
    minutesAgo: 60 * 30,
    lang: 'uk',
    source: {
      site_name: 'Харківські вісті',
      byline: 'Олена Мельник',
      published_at: '2026-11-22T14:05:00.000Z',
      lang: 'uk',
      excerpt: 'Правозахисники зафіксували затримання без пред’явлення документів.',
    },
    text: 'Увечері 22 листопада на зупинці громадського транспорту представники ТЦК затримали чоловіка й посадили його в мікроавтобус. Свідки кажуть, що документів йому не пред’явили. Правозахисники фіксують такі випадки й закликають надсилати відео.',
    detection: {
      score: 0.78,
      categories: [{ id: 'forced_conscription', score: 0.78 }],
      entities: [{ type: 'enlistment_office', text: 'ТЦК', value: 'ТЦК' }],
    },
  },
  {
    kind: 'article',
    url: 'https://monitor-weekly.example/2026/11/conscripts-basement-unit-21005',
    title: 'Conscripts held in a basement by military unit 21005, relatives say',
    minutesAgo: 60 * 8,
    lang: 'en',
    source: {
      site_name: 'The Monitor Weekly',
      byline: 'J. Harper',
      published_at: '2026-11-23T11:00:00.000Z',
      lang: 'en',
      excerpt:
        'Families say at least four conscripts who refused to sign contracts are held without charge.',
    },
    text: 'Families of at least four conscripts say their sons were taken to a basement on the grounds of military unit No. 21005 after refusing to sign contracts. Lawyers have been denied access. The defence ministry did not respond to a request for comment.',
    tags: ['в/ч 21005'],
    detection: {
      score: 0.88,
      categories: [
        { id: 'arbitrary_detention', score: 0.88 },
        { id: 'conscientious_objection_denied', score: 0.6 },
      ],
      entities: [unit('military unit No. 21005', '21005')],
    },
  },
  {
    kind: 'page',
    url: 'https://sud-reestr.example/case/2-1488-2026',
    title: 'Карточка дела № 2-1488/2026: о признании иностранным агентом',
    minutesAgo: 60 * 75,
    lang: 'ru',
    source: { site_name: 'Реестр судебных дел', lang: 'ru' },
    text: 'Административное исковое заявление о признании иностранным агентом. Истец: Министерство юстиции. Ответчик: Смирнов И. П. Дата поступления: 14.10.2026. Результат: удовлетворено.',
    detection: {
      score: 0.71,
      categories: [{ id: 'persecution_of_defenders', score: 0.71 }],
      entities: [],
    },
  },
  {
    kind: 'telegram_post',
    url: 'https://t.me/s/prizyv_pomosch_example/4812',
    title: 'Призыв. Помощь — пост 4812',
    minutesAgo: 60 * 2,
    lang: 'ru',
    source: {
      channel: 'prizyv_pomosch_example',
      channel_title: 'Призыв. Помощь',
      post_id: 4812,
      permalink: 'https://t.me/prizyv_pomosch_example/4812',
      published_at: '2026-11-22T09:12:00.000Z',
      views: 31200,
    },
    text: 'Пишет мать срочника из Ростовской области: сына и ещё троих ребят держат «на подвале» в Донецке за отказ подписывать контракт. Телефоны забрали, адвоката не пускают. Если вы знаете что-то о в/ч 21005 — напишите нам.',
    detection: null,
  },
];
