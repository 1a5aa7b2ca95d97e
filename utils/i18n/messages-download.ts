/** Strings of large-file downloads into the store (entrypoints/background/media-download.ts). */
export const download = {
  en: {
    errDownloadUrl: 'Only http(s) files can be downloaded, not {url}. Nothing was saved.',
    errDownloadHttp: 'The server answered {status} for {url}. Nothing was saved.',
    errDownloadEmpty:
      'The server sent an empty file (0 bytes) for {url}: there is nothing to keep. Nothing was saved.',
    errDownloadNetwork: 'The file at {url} could not be downloaded: {detail}. Nothing was saved.',
    errDownloadNoResume:
      'The connection broke after {received} of the file at {url}, and the server would not continue from there (it does not accept range requests, or the file changed). What was received has been deleted; nothing was saved.',
    errDownloadDropped:
      'The connection to {url} broke {times} times; the last time after {received}. What was received has been deleted; nothing was saved. Try again on a steadier connection.',
    errDownloadLength:
      'The server announced {expected} for {url} but sent {received}. What was received has been deleted; nothing was saved.',
    errDownloadCancelled: 'The download of {url} was cancelled. Nothing was saved.',
    errDownloadNoSpace:
      'Not saved: the file at {url} needs {needed} (with a safety margin) but only {free} is free for Protokol. Free space or export and delete old items. Nothing stored earlier was changed.',
    errDownloadQuota:
      'Not saved: storage ran out after {received} of the file at {url}. What was written of it has been deleted; nothing stored earlier was changed. Free space or export and delete old items.',
  },
  ru: {
    errDownloadUrl: 'Скачивать можно только файлы по http(s), а не {url}. Ничего не сохранено.',
    errDownloadHttp: 'Сервер ответил {status} на запрос {url}. Ничего не сохранено.',
    errDownloadEmpty:
      'Сервер прислал пустой файл (0 байт) по адресу {url}: сохранять нечего. Ничего не сохранено.',
    errDownloadNetwork: 'Не удалось скачать файл {url}: {detail}. Ничего не сохранено.',
    errDownloadNoResume:
      'Соединение оборвалось после {received} файла {url}, и сервер не стал продолжать с этого места (он не принимает запросы диапазонов, или файл изменился). Полученное удалено; ничего не сохранено.',
    errDownloadDropped:
      'Соединение с {url} обрывалось {times} раз(а), в последний раз после {received}. Полученное удалено; ничего не сохранено. Попробуйте ещё раз при более устойчивой связи.',
    errDownloadLength:
      'Сервер объявил {expected} для {url}, но прислал {received}. Полученное удалено; ничего не сохранено.',
    errDownloadCancelled: 'Скачивание {url} отменено. Ничего не сохранено.',
    errDownloadNoSpace:
      'Не сохранено: файлу {url} нужно {needed} (с запасом), а Протоколу доступно только {free}. Освободите место или экспортируйте и удалите старые материалы. Ранее сохранённое не изменилось.',
    errDownloadQuota:
      'Не сохранено: место закончилось после {received} файла {url}. Записанная часть удалена; ранее сохранённое не изменилось. Освободите место или экспортируйте и удалите старые материалы.',
  },
  uk: {
    errDownloadUrl: 'Завантажувати можна лише файли за http(s), а не {url}. Нічого не збережено.',
    errDownloadHttp: 'Сервер відповів {status} на запит {url}. Нічого не збережено.',
    errDownloadEmpty:
      'Сервер надіслав порожній файл (0 байтів) за адресою {url}: зберігати нічого. Нічого не збережено.',
    errDownloadNetwork: 'Не вдалося завантажити файл {url}: {detail}. Нічого не збережено.',
    errDownloadNoResume:
      "З'єднання обірвалося після {received} файлу {url}, і сервер не продовжив з цього місця (він не приймає запити діапазонів, або файл змінився). Отримане видалено; нічого не збережено.",
    errDownloadDropped:
      "З'єднання з {url} обривалося {times} раз(и), востаннє після {received}. Отримане видалено; нічого не збережено. Спробуйте ще раз за стійкішого зв'язку.",
    errDownloadLength:
      'Сервер оголосив {expected} для {url}, але надіслав {received}. Отримане видалено; нічого не збережено.',
    errDownloadCancelled: 'Завантаження {url} скасовано. Нічого не збережено.',
    errDownloadNoSpace:
      'Не збережено: файлу {url} потрібно {needed} (із запасом), а Протоколу доступно лише {free}. Звільніть місце або експортуйте й видаліть старі матеріали. Раніше збережене не змінилося.',
    errDownloadQuota:
      'Не збережено: місце закінчилося після {received} файлу {url}. Записану частину видалено; раніше збережене не змінилося. Звільніть місце або експортуйте й видаліть старі матеріали.',
  },
};

/** The message keys of download failures (UserError codes). */
export type DownloadErrorCode = keyof typeof download.en;
