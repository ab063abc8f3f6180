/** One emoji of the picker, with the words it is found by (English and German). */
export interface EmojiEntry {
  emoji: string;
  en: readonly string[];
  de: readonly string[];
}

/**
 * The picker's emoji, most frequent first: a short hand-made list instead of the full Unicode
 * set (a dependency of megabytes for a row of reactions). Any other emoji still shows when
 * someone else reacts with it.
 */
export const EMOJI: readonly EmojiEntry[] = [
  { emoji: '👍', en: ['thumbs up', 'like', 'yes'], de: ['daumen hoch', 'gefällt', 'ja'] },
  { emoji: '❤️', en: ['heart', 'love'], de: ['herz', 'liebe'] },
  { emoji: '😂', en: ['joy', 'laugh', 'tears'], de: ['lachen', 'tränen'] },
  { emoji: '🎉', en: ['party', 'tada', 'celebrate'], de: ['feier', 'glückwunsch'] },
  { emoji: '😮', en: ['wow', 'surprised', 'open mouth'], de: ['überrascht', 'staunen'] },
  { emoji: '😢', en: ['sad', 'cry'], de: ['traurig', 'weinen'] },
  { emoji: '🙏', en: ['thanks', 'please', 'pray'], de: ['danke', 'bitte'] },
  { emoji: '👀', en: ['eyes', 'looking'], de: ['augen', 'schauen'] },
  { emoji: '🔥', en: ['fire', 'hot'], de: ['feuer', 'heiß'] },
  { emoji: '✅', en: ['check', 'done', 'ok'], de: ['erledigt', 'haken'] },
  { emoji: '👎', en: ['thumbs down', 'dislike', 'no'], de: ['daumen runter', 'nein'] },
  { emoji: '😀', en: ['grin', 'smile', 'happy'], de: ['grinsen', 'lächeln', 'fröhlich'] },
  { emoji: '😊', en: ['blush', 'smile'], de: ['lächeln', 'erröten'] },
  { emoji: '😉', en: ['wink'], de: ['zwinkern'] },
  { emoji: '😍', en: ['heart eyes', 'in love'], de: ['verliebt'] },
  { emoji: '🤔', en: ['thinking', 'hmm'], de: ['nachdenken', 'grübeln'] },
  { emoji: '😅', en: ['sweat smile', 'phew'], de: ['puh', 'verlegen'] },
  { emoji: '🙂', en: ['slight smile'], de: ['leicht lächeln'] },
  { emoji: '😎', en: ['cool', 'sunglasses'], de: ['sonnenbrille'] },
  { emoji: '😡', en: ['angry', 'mad'], de: ['wütend', 'sauer'] },
  { emoji: '😴', en: ['sleep', 'tired'], de: ['schlafen', 'müde'] },
  { emoji: '🤯', en: ['mind blown', 'explode'], de: ['umgehauen'] },
  { emoji: '🥳', en: ['party face', 'birthday'], de: ['geburtstag', 'feiern'] },
  { emoji: '🤝', en: ['handshake', 'deal'], de: ['handschlag', 'abgemacht'] },
  { emoji: '👏', en: ['clap', 'applause'], de: ['klatschen', 'applaus'] },
  { emoji: '🙌', en: ['raised hands', 'hooray'], de: ['hurra', 'hände hoch'] },
  { emoji: '💪', en: ['strong', 'muscle'], de: ['stark', 'muskel'] },
  { emoji: '👋', en: ['wave', 'hello', 'bye'], de: ['winken', 'hallo', 'tschüss'] },
  { emoji: '👌', en: ['ok hand', 'perfect'], de: ['perfekt'] },
  { emoji: '✨', en: ['sparkles', 'shiny'], de: ['funkeln', 'glitzer'] },
  { emoji: '⭐', en: ['star'], de: ['stern'] },
  { emoji: '💯', en: ['hundred', 'perfect'], de: ['hundert'] },
  { emoji: '🚀', en: ['rocket', 'launch', 'ship it'], de: ['rakete', 'start'] },
  { emoji: '💡', en: ['idea', 'bulb'], de: ['idee', 'glühbirne'] },
  { emoji: '⚠️', en: ['warning', 'caution'], de: ['warnung', 'achtung'] },
  { emoji: '❌', en: ['cross', 'wrong', 'no'], de: ['kreuz', 'falsch'] },
  { emoji: '❓', en: ['question'], de: ['frage'] },
  { emoji: '☕', en: ['coffee'], de: ['kaffee'] },
  { emoji: '🍕', en: ['pizza'], de: ['pizza'] },
  { emoji: '🐛', en: ['bug'], de: ['käfer', 'fehler'] },
  { emoji: '🎂', en: ['cake', 'birthday'], de: ['kuchen', 'geburtstag'] },
  { emoji: '🌞', en: ['sun', 'sunny'], de: ['sonne'] },
];

/** The first name in the UI language, for the picker button's accessible name. */
export function emojiName(entry: EmojiEntry, locale: string): string {
  const name = (locale === 'de' ? entry.de[0] : entry.en[0]) ?? entry.emoji;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Emoji whose names (in either language) contain every word typed, ignoring case and accents; all for "". */
export function searchEmoji(query: string, list: readonly EmojiEntry[] = EMOJI): EmojiEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...list];
  return list.filter((entry) => {
    const haystack = [...entry.en, ...entry.de].map(fold).join(' ');
    return entry.emoji === query.trim() || words.every((word) => haystack.includes(word));
  });
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
