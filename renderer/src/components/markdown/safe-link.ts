/**
 * The link rules of message text, whatever parses it: only http(s) URLs become links
 * (`javascript:`, `data:`, `file:` and friends stay plain text), and the text a link shows can
 * never hide where it goes behind bidi controls.
 */

/** U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069: the controls that reorder text. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The normalised URL when it is http(s), else undefined. */
export function safeHref(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Link text with every bidi control shown as a visible `[U+202E]`: "https://good.example/\u202Egpj.exe"
 * would otherwise display as ".../exe.jpg".
 */
export function visibleLinkText(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `[U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}]`);
}
