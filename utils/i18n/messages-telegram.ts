/** Strings of Telegram post clipping: the Clip control on posts and the popup's Telegram panel. */
export const telegram = {
  en: {
    errTgPostGone:
      'The post is no longer on the page (deleted, or removed by the page while clipping). Nothing was saved.',
    errTgNotTelegram:
      'This page is not a Telegram layout Protokol knows. Use “Clip this page” to save the whole page.',
    errTgNoPosts: 'No posts to clip here.',
    errTgUnreadable:
      'This post could not be read (its layout is not one Protokol knows). Nothing was saved; “Clip this page” saves the whole page.',
    errTgScreenshot: 'The screenshot of the post could not be taken: {detail}. Nothing was saved.',
    tgClip: 'Clip',
    tgClipTitle: 'Save this post as evidence',
    tgClipping: 'Saving…',
    tgSaved: 'Saved',
    tgSavedNoText: 'Saved (the post has no text)',
    tgNotSaved: 'Not saved',
    tgPanelTitle: 'Telegram: {channel}',
    tgPanelPosts: '{count} posts on the page, {inView} in view',
    tgClipInView: 'Clip all posts in view',
    tgRangeFrom: 'From post',
    tgRangeTo: 'to post',
    tgClipRange: 'Clip posts in this range',
    tgClippingPosts: 'Saving posts…',
    tgBatchDone: '{saved} posts saved, {failed} not saved.',
    tgPostFailed: 'Post {id}: {error}',
    tgPagePosts: 'The {count} posts on this page were also saved, each as its own item.',
    tgSecondPath:
      'Also check each post against its public page on t.me (off by default: the request tells t.me your IP address and which post you clipped)',
  },
  ru: {
    errTgPostGone:
      'Поста больше нет на странице (удалён или убран страницей во время сохранения). Ничего не сохранено.',
    errTgNotTelegram:
      'Эта страница не похожа ни на один известный Протоколу вид Telegram. Чтобы сохранить страницу целиком, нажмите «Сохранить страницу».',
    errTgNoPosts: 'Здесь нет постов для сохранения.',
    errTgUnreadable:
      'Не удалось прочитать пост (его разметка Протоколу незнакома). Ничего не сохранено; «Сохранить страницу» сохранит страницу целиком.',
    errTgScreenshot: 'Не удалось снять скриншот поста: {detail}. Ничего не сохранено.',
    tgClip: 'Сохранить',
    tgClipTitle: 'Сохранить этот пост как доказательство',
    tgClipping: 'Сохраняем…',
    tgSaved: 'Сохранено',
    tgSavedNoText: 'Сохранено (в посте нет текста)',
    tgNotSaved: 'Не сохранено',
    tgPanelTitle: 'Telegram: {channel}',
    tgPanelPosts: 'Постов на странице: {count}, на экране: {inView}',
    tgClipInView: 'Сохранить все посты на экране',
    tgRangeFrom: 'С поста',
    tgRangeTo: 'по пост',
    tgClipRange: 'Сохранить посты из диапазона',
    tgClippingPosts: 'Сохраняем посты…',
    tgBatchDone: 'Сохранено постов: {saved}, не сохранено: {failed}.',
    tgPostFailed: 'Пост {id}: {error}',
    tgPagePosts: 'Посты на этой странице ({count}) также сохранены, каждый отдельной записью.',
    tgSecondPath:
      'Также сверять каждый пост с его публичной страницей на t.me (по умолчанию выключено: запрос сообщает t.me ваш IP-адрес и какой пост вы сохранили)',
  },
  uk: {
    errTgPostGone:
      'Допису більше немає на сторінці (видалений або прибраний сторінкою під час збереження). Нічого не збережено.',
    errTgNotTelegram:
      'Ця сторінка не схожа на жоден відомий Протоколу вигляд Telegram. Щоб зберегти сторінку цілком, натисніть «Зберегти сторінку».',
    errTgNoPosts: 'Тут немає дописів для збереження.',
    errTgUnreadable:
      'Не вдалося прочитати допис (його розмітка Протоколу незнайома). Нічого не збережено; «Зберегти сторінку» збереже сторінку цілком.',
    errTgScreenshot: 'Не вдалося зробити знімок допису: {detail}. Нічого не збережено.',
    tgClip: 'Зберегти',
    tgClipTitle: 'Зберегти цей допис як доказ',
    tgClipping: 'Зберігаємо…',
    tgSaved: 'Збережено',
    tgSavedNoText: 'Збережено (у дописі немає тексту)',
    tgNotSaved: 'Не збережено',
    tgPanelTitle: 'Telegram: {channel}',
    tgPanelPosts: 'Дописів на сторінці: {count}, на екрані: {inView}',
    tgClipInView: 'Зберегти всі дописи на екрані',
    tgRangeFrom: 'Від допису',
    tgRangeTo: 'до допису',
    tgClipRange: 'Зберегти дописи з діапазону',
    tgClippingPosts: 'Зберігаємо дописи…',
    tgBatchDone: 'Збережено дописів: {saved}, не збережено: {failed}.',
    tgPostFailed: 'Допис {id}: {error}',
    tgPagePosts: 'Дописи на цій сторінці ({count}) також збережено, кожен окремим записом.',
    tgSecondPath:
      'Також звіряти кожен допис із його публічною сторінкою на t.me (типово вимкнено: запит повідомляє t.me вашу IP-адресу і який допис ви зберегли)',
  },
};
