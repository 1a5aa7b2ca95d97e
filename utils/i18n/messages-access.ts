/** Host access: "Allow Protokol on all sites" (library first-run screen and settings). */
export const access = {
  en: {
    accessTitle: 'Protokol on all sites',
    accessIntro:
      'Capturing the page you are on needs nothing more: Clip this page, the page menu and the shortcut give Protokol that one tab, once. Allowing Protokol on all sites turns on what works by itself on every page: the violation flag, the Save video / Save image button over media, and the Clip button on Telegram posts.',
    accessPrivacy:
      'Protokol never sends the content of pages anywhere: pages are read and checked in this browser only, and nothing is stored until you capture.',
    accessAllow: 'Allow Protokol on all sites',
    accessDetectionOff:
      'Pages are checked for violations only while Protokol is allowed on all sites; the check runs on this computer.',
    accessWithdraw: 'Withdraw access to all sites',
    accessOn:
      'Allowed on all sites. Pages that were already open are checked once they are reloaded.',
    accessOff: 'Not allowed on all sites: Protokol reads only the tab you capture.',
    accessWaiting: 'Answer the browser’s question to continue…',
    accessRefused: 'The browser did not give access to all sites; nothing changed.',
    accessFailed: 'The browser could not be asked: {error}',
    errNoAccessTab:
      'Protokol has no access to this tab. Start the capture with Clip this page, the page menu or the shortcut (each gives access to that tab), or allow Protokol on all sites in settings.',
    errNoAccess:
      'Protokol has no access to {url}. Start the capture with Clip this page, the page menu or the shortcut (each gives access to that tab), or allow Protokol on all sites in settings.',
  },
  ru: {
    accessTitle: 'Protokol на всех сайтах',
    accessIntro:
      'Чтобы сохранить открытую страницу, больше ничего не нужно: «Сохранить страницу», меню страницы и сочетание клавиш один раз дают Protokol доступ к этой вкладке. Если разрешить Protokol работать на всех сайтах, включится то, что работает само на каждой странице: отметка о нарушениях, кнопка «Сохранить видео» / «Сохранить изображение» над медиа и кнопка сохранения у постов Telegram.',
    accessPrivacy:
      'Protokol никогда никуда не отправляет содержимое страниц: они читаются и проверяются только в этом браузере, и ничего не сохраняется, пока вы не сохраните страницу сами.',
    accessAllow: 'Разрешить Protokol на всех сайтах',
    accessDetectionOff:
      'Страницы проверяются на нарушения, только пока Protokol разрешён на всех сайтах; проверка идёт на этом компьютере.',
    accessWithdraw: 'Отозвать доступ ко всем сайтам',
    accessOn:
      'Разрешено на всех сайтах. Страницы, которые уже были открыты, проверяются после перезагрузки.',
    accessOff:
      'Не разрешено на всех сайтах: Protokol читает только вкладку, которую вы сохраняете.',
    accessWaiting: 'Ответьте на вопрос браузера, чтобы продолжить…',
    accessRefused: 'Браузер не дал доступ ко всем сайтам; ничего не изменилось.',
    accessFailed: 'Не удалось спросить браузер: {error}',
    errNoAccessTab:
      'У Protokol нет доступа к этой вкладке. Начните сохранение кнопкой «Сохранить страницу», из меню страницы или сочетанием клавиш (каждое даёт доступ к этой вкладке) или разрешите Protokol на всех сайтах в настройках.',
    errNoAccess:
      'У Protokol нет доступа к {url}. Начните сохранение кнопкой «Сохранить страницу», из меню страницы или сочетанием клавиш (каждое даёт доступ к этой вкладке) или разрешите Protokol на всех сайтах в настройках.',
  },
  uk: {
    accessTitle: 'Protokol на всіх сайтах',
    accessIntro:
      'Щоб зберегти відкриту сторінку, більше нічого не потрібно: «Зберегти сторінку», меню сторінки та сполучення клавіш один раз дають Protokol доступ до цієї вкладки. Якщо дозволити Protokol працювати на всіх сайтах, увімкнеться те, що працює саме на кожній сторінці: позначка про порушення, кнопка «Зберегти відео» / «Зберегти зображення» над медіа та кнопка збереження біля дописів Telegram.',
    accessPrivacy:
      'Protokol ніколи нікуди не надсилає вміст сторінок: вони читаються й перевіряються лише в цьому браузері, і нічого не зберігається, доки ви не збережете сторінку самі.',
    accessAllow: 'Дозволити Protokol на всіх сайтах',
    accessDetectionOff:
      'Сторінки перевіряються на порушення, лише доки Protokol дозволено на всіх сайтах; перевірка відбувається на цьому комп’ютері.',
    accessWithdraw: 'Відкликати доступ до всіх сайтів',
    accessOn:
      'Дозволено на всіх сайтах. Сторінки, які вже були відкриті, перевіряються після перезавантаження.',
    accessOff: 'Не дозволено на всіх сайтах: Protokol читає лише вкладку, яку ви зберігаєте.',
    accessWaiting: 'Дайте відповідь на запитання браузера, щоб продовжити…',
    accessRefused: 'Браузер не дав доступу до всіх сайтів; нічого не змінилося.',
    accessFailed: 'Не вдалося запитати браузер: {error}',
    errNoAccessTab:
      'Protokol не має доступу до цієї вкладки. Почніть збереження кнопкою «Зберегти сторінку», з меню сторінки або сполученням клавіш (кожне дає доступ до цієї вкладки) або дозвольте Protokol на всіх сайтах у налаштуваннях.',
    errNoAccess:
      'Protokol не має доступу до {url}. Почніть збереження кнопкою «Зберегти сторінку», з меню сторінки або сполученням клавіш (кожне дає доступ до цієї вкладки) або дозвольте Protokol на всіх сайтах у налаштуваннях.',
  },
};
