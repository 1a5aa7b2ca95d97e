/**
 * The Firefox add-on id (manifest `browser_specific_settings.gecko.id`). Firefox keys an
 * add-on's storage to it, so it must never change once people have data in the add-on.
 */
export const GECKO_ID = 'protokol@protokol.invalid';
