/**
 * bench/make-pages: deterministic article pages for the capture benchmark.
 * `makeBenchPages(n)` returns n pages mixing Russian, Ukrainian and English, 3-40 KB of text,
 * images by relative URL (served by the e2e server from e2e/pages/img) and different metadata
 * styles. A seeded generator makes every run produce the same bytes, so timings compare.
 * Run directly (`node bench/make-pages.mjs [n]`) to write them to bench/out/pages/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: tiny, fast, and good enough to vary text; seeded so output is reproducible. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Sentence templates per language; {slots} are filled from the lists in `fill`.
const LANGS = {
  ru: {
    site: ['Городской курьер', 'Северный вестник', 'Новая хроника', 'Вечерний обзор'],
    place: [
      'у выхода из метро «{station}»',
      'у общежития на улице {street}',
      'на проходной завода',
      'у торгового центра «{mall}»',
    ],
    station: ['Северная', 'Заречная', 'Парковая', 'Речной вокзал'],
    street: ['Лесная', 'Школьная', 'Садовая', 'Полевая'],
    mall: ['Радуга', 'Галерея', 'Меридиан'],
    office: ['районный военкомат', 'городской военкомат', 'сборный пункт'],
    titles: [
      'Облава {place}: {n} человек увезли в {office}',
      'Призывников задержали {place}',
      'Родственники ищут задержанных после облавы {place}',
    ],
    sentences: [
      'По словам очевидцев, облава началась около {hour} часов утра, когда поток людей был самым плотным.',
      'Сотрудники полиции вместе с представителями военкомата проверяли документы у всех мужчин моложе тридцати лет.',
      'Не меньше {n} человек посадили в автобус без номеров и увезли в {office}.',
      'Мать одного из задержанных рассказала, что сын успел написать ей только одно сообщение.',
      'Повесток, как утверждают задержанные, никому не вручали, а копии протоколов не выдавали.',
      'Юрист правозащитной линии напомнил, что доставлять человека в военкомат силой закон не позволяет.',
      'Двоих задержанных, по данным родственников, в тот же вечер направили в в/ч {unit}.',
      'В военкомате на запрос редакции ответили, что проводились «мероприятия по оповещению граждан».',
      'Родственники готовят коллективную жалобу в военную прокуратуру и собирают видеозаписи очевидцев.',
      'Правозащитники считают, что это уже {ord} облава в городе с начала весеннего призыва.',
      'Задержанного продержали в коридоре около {hours} часов, после чего признали годным.',
      'У некоторых молодых людей была отсрочка по учёбе, но справки, по их словам, никто не смотрел.',
    ],
  },
  uk: {
    site: ['Правозахисна хроніка', 'Громадський монітор', 'Вільний голос'],
    place: ['на позиціях під {town}', 'у підвалі колишньої школи', 'у військовій частині А{unit}'],
    town: ['Степовим', 'Новоселівкою', 'Луговим'],
    office: ['штаб бригади', 'військову службу правопорядку', 'прокуратуру'],
    titles: [
      'Військового тримають {place} за відмову йти на штурм',
      'Рідні шукають бійця, якого затримали {place}',
      '{n} військових утримують {place} без рішення суду',
    ],
    sentences: [
      'Рідні військовослужбовця розповіли, що його затримали після відмови виконати наказ.',
      'Відтоді, за їхніми словами, він перебуває в підвалі і не має змоги зателефонувати додому.',
      'Побратим повідомив, що разом із ним утримують ще {n} військових.',
      'Жодного рішення суду про тримання під вартою родина не отримувала.',
      'Юристка нагадала, що дисциплінарний статут не передбачає тримання людей у непристосованих приміщеннях.',
      'Родина звернулася до прокуратури та до Уповноваженого з прав людини.',
      'Командування, якому підпорядкована військова частина А{unit}, на запит редакції не відповіло.',
      'Затриманих виводять нагору кілька разів на день, а спати доводиться на піддонах.',
      'Дружина військового каже, що востаннє мала звістку від чоловіка {hours} днів тому.',
      'Правозахисники з початку року отримали понад {n} подібних звернень.',
    ],
  },
  en: {
    site: ['The Civic Ledger', 'Open Record', 'Rights Monitor Weekly'],
    place: ['in the {region} region', 'at a university dormitory', 'outside a metro station'],
    region: ['northern', 'river', 'eastern'],
    office: ['the enlistment office', 'the draft commission', 'a collection point'],
    titles: [
      'Objector refused alternative service {place}',
      'Conscripts detained {place} and taken to {office}',
      'Families seek answers after raid {place}',
    ],
    sentences: [
      'The draft commission met for {n} minutes and did not ask a single question about his beliefs.',
      'His application for alternative civilian service was refused on a procedural ground alone.',
      'Lawyers who advise every conscientious objector say the pattern is common.',
      'Witnesses said officers checked the papers of every young man leaving the station.',
      'At least {n} men were put on a bus without number plates and taken to {office}.',
      'Relatives said nobody was handed a summons and no record of the detention was given.',
      'Two of the men were sent the same evening to military unit No. {unit}.',
      'The enlistment office said officers had been "notifying citizens" in accordance with the law.',
      'Human rights bodies have held that the right to conscientious objection is part of freedom of conscience.',
      'The family has appealed and asked the court to suspend the summons until the appeal is heard.',
      'He was kept in a corridor for about {hours} hours before being declared fit for service.',
    ],
  },
};
const STYLES = ['jsonld', 'jsonld-graph', 'og', 'citation', 'dc', 'plain'];
const IMAGES = [
  '../img/metro-exit.png',
  '/img/basement.png',
  '../img/courtroom.png',
  'img/not-found.png',
];

const esc = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * @param {number} [n=24] how many pages
 * @returns {Array<{ name: string, html: string }>}
 */
export function makeBenchPages(n = 24) {
  const rand = seeded(0x5eed2025);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const pages = [];
  for (let i = 0; i < n; i++) {
    const lang = ['ru', 'uk', 'en'][i % 3];
    const L = LANGS[lang];
    const style = STYLES[i % STYLES.length];
    const fill = (tpl) =>
      tpl.replace(/\{(\w+)\}/g, (_, key) => {
        if (key === 'n') return String(3 + Math.floor(rand() * 40));
        if (key === 'unit') return String(1000 + Math.floor(rand() * 90000));
        if (key === 'hour') return String(6 + Math.floor(rand() * 4));
        if (key === 'hours') return String(2 + Math.floor(rand() * 9));
        if (key === 'ord') return pick(['третья', 'четвёртая', 'пятая']);
        const list = L[key];
        return list ? fill(pick(list)) : key;
      });
    // Text sizes from 3 KB to 40 KB: stratified over the pages so both ends always occur,
    // jittered, and skewed towards short pages as on real news sites.
    const stratum = (((i * 7) % n) + rand()) / n;
    const targetBytes = 3000 + Math.floor(37000 * stratum ** 1.5);
    const title = fill(pick(L.titles));
    const site = pick(L.site);
    const day = 1 + Math.floor(rand() * 28);
    const published = `2025-0${1 + (i % 9)}-${String(day).padStart(2, '0')}T${String(7 + (i % 12)).padStart(2, '0')}:${i % 2 ? '30' : '05'}:00+0${lang === 'en' ? 0 : lang === 'uk' ? 2 : 3}:00`;
    const body = [];
    let bytes = 0;
    let p = 0;
    while (bytes < targetBytes) {
      const count = 2 + Math.floor(rand() * 4);
      const text = Array.from({ length: count }, () => fill(pick(L.sentences))).join(' ');
      bytes += Buffer.byteLength(text);
      body.push(`<p>${esc(text)}</p>`);
      if (++p % 6 === 0) body.push(`<h2>${esc(fill(pick(L.titles)))}</h2>`);
      if (p % 9 === 4) {
        const src = pick(IMAGES);
        body.push(
          `<figure><img src="${src}" srcset="${src} 1x, ${src} 2x" alt="" width="640" height="360" loading="lazy"><figcaption>${esc(site)}</figcaption></figure>`,
        );
      }
    }
    const name = `${String(i + 1).padStart(2, '0')}-${lang}-${style}.html`;
    pages.push({ name, html: page({ lang, style, title, site, published, body, name }) });
  }
  return pages;
}

function page({ lang, style, title, site, published, body, name }) {
  const author = { ru: 'Отдел расследований', uk: 'Редакція', en: 'Staff reporter' }[lang];
  const head = [
    `<meta charset="utf-8">`,
    `<title>${esc(title)} | ${esc(site)}</title>`,
    `<link rel="canonical" href="/bench/${name}">`,
  ];
  const article = {
    '@type': 'NewsArticle',
    headline: title,
    datePublished: published,
    author: { '@type': 'Person', name: author },
    inLanguage: lang,
  };
  if (style === 'jsonld') {
    head.push(
      `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', ...article, publisher: { '@type': 'Organization', name: site } })}</script>`,
    );
  } else if (style === 'jsonld-graph') {
    const graph = [
      { '@type': 'WebSite', '@id': '#site', name: site },
      { ...article, publisher: { '@id': '#site' } },
    ];
    head.push(
      `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@graph': graph })}</script>`,
    );
  } else if (style === 'og') {
    head.push(
      `<meta property="og:site_name" content="${esc(site)}">`,
      `<meta property="og:title" content="${esc(title)}">`,
      `<meta property="article:published_time" content="${published}">`,
      `<meta property="og:image" content="../img/metro-exit.png">`,
    );
  } else if (style === 'citation') {
    head.push(
      `<meta name="citation_title" content="${esc(title)}">`,
      `<meta name="citation_author" content="${esc(author)}">`,
      `<meta name="citation_publication_date" content="${published.slice(0, 10).replace(/-/g, '/')}">`,
    );
  } else if (style === 'dc') {
    head.push(
      `<meta name="DC.title" content="${esc(title)}">`,
      `<meta name="DC.creator" content="${esc(author)}">`,
      `<meta name="DC.date.issued" content="${published}">`,
    );
  }
  // Newsroom noise the snapshot has to clean: inline scripts, a handler, a javascript: link.
  head.push(
    `<script>window.dataLayer=[{page:${JSON.stringify(name)}}];</script>`,
    '<style>body{font:18px/1.6 Georgia,serif;max-width:760px;margin:0 auto;padding:0 16px}img{max-width:100%;height:auto}</style>',
  );
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
${head.join('\n')}
</head>
<body>
<header><a href="/">${esc(site)}</a> <nav><a href="/news/">News</a> <a href="javascript:void(0)" onclick="openMenu()">Menu</a></nav></header>
<main><article>
<h1>${esc(title)}</h1>
<p class="meta"><time datetime="${published}">${published.slice(0, 10)}</time> · ${esc(author)}</p>
${body.join('\n')}
</article></main>
<aside><h2>More</h2><ul><li><a href="/bench/">Archive</a></li><li><a href="../about.html">About</a></li></ul></aside>
<footer>© 2025 ${esc(site)}</footer>
<script>document.querySelectorAll('a').length;</script>
</body>
</html>
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = join(dirname(fileURLToPath(import.meta.url)), 'out', 'pages');
  mkdirSync(outDir, { recursive: true });
  const pages = makeBenchPages(Number(process.argv[2] ?? 24));
  for (const p of pages) writeFileSync(join(outDir, p.name), p.html);
  console.log(`wrote ${pages.length} pages to ${outDir}`);
}
