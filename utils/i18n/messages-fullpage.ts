/** The full-page screenshot's second phase: its state in the popup and the library. */
export const fullpage = {
  en: {
    fpPhaseRunning: 'Taking the full-page screenshot — keep this tab open…',
    fpPhaseProgress:
      'Taking the full-page screenshot — keep this tab open ({done} of about {total} views)',
    fpPhaseAdded: 'Full-page screenshot added ({frames} views stitched).',
    fpPhaseMissing: 'The full-page screenshot is missing: {reason}',
    errFullPageInterrupted:
      'The full-page screenshot of {url} was not finished (the extension was stopped). The page itself was saved; its item says the full-page screenshot is missing.',
  },
  ru: {
    fpPhaseRunning: 'Делается скриншот всей страницы — не закрывайте эту вкладку…',
    fpPhaseProgress:
      'Делается скриншот всей страницы — не закрывайте эту вкладку ({done} из примерно {total} кадров)',
    fpPhaseAdded: 'Скриншот всей страницы добавлен (склеено кадров: {frames}).',
    fpPhaseMissing: 'Скриншота всей страницы нет: {reason}',
    errFullPageInterrupted:
      'Скриншот всей страницы {url} не был закончен (расширение было остановлено). Сама страница сохранена; в её материале указано, что скриншота всей страницы нет.',
  },
  uk: {
    fpPhaseRunning: 'Робиться знімок усієї сторінки — не закривайте цю вкладку…',
    fpPhaseProgress:
      'Робиться знімок усієї сторінки — не закривайте цю вкладку ({done} з приблизно {total} кадрів)',
    fpPhaseAdded: 'Знімок усієї сторінки додано (склеєно кадрів: {frames}).',
    fpPhaseMissing: 'Знімка всієї сторінки немає: {reason}',
    errFullPageInterrupted:
      'Знімок усієї сторінки {url} не було завершено (розширення було зупинено). Саму сторінку збережено; у її матеріалі зазначено, що знімка всієї сторінки немає.',
  },
};
