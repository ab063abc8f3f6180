import type { Plugin } from 'vite';

/**
 * The emoji font the page brings along (issue 14): Noto Color Emoji in the COLRv1 format, split
 * by unicode-range into subsets of 15–700 KB. Not @fontsource/noto-color-emoji: its files carry
 * their colour glyphs only as OpenType-SVG, which Chromium (so Electron) does not draw — emoji
 * stay blank (fontsource/fontsource#588).
 */
export const EMOJI_FONT_CSS = '@infolektuell/noto-color-emoji/index.css';

/**
 * The built emoji font files, named by `emojiFontPlugin`. Together they weigh 2 MB and a browser
 * fetches only the subsets the page's text needs, so the service worker caches them when first
 * fetched instead of precaching them all.
 */
export const EMOJI_FONT_FILE = /(^|\/)noto-color-emoji-[\w-]+\.woff2$/;

/**
 * Characters of ordinary text the emoji font also has (digits, '#', '*', ©, ®, ™ — keycaps and
 * emoji-style variants): the page lists the emoji font first (see styles.css), so it must not
 * claim them, or every digit would be drawn as an emoji keycap base.
 */
const TEXT_CHARACTERS: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x00ff],
  [0x2122, 0x2122],
];

const SOURCE = /src:\s*(url\([^)]+\.woff2\)\s*format\(["']?woff2["']?\)\s*tech\(color-COLRv1\));/g;
const RANGE = /unicode-range:\s*([^;]+);/g;
const hex = (n: number) => n.toString(16);

/** A unicode-range value without TEXT_CHARACTERS. */
export function withoutTextCharacters(range: string): string {
  let kept: Array<[number, number]> = [];
  for (const entry of range.split(',').map((part) => part.trim().replace(/^U\+/i, ''))) {
    const [from, to = from] = entry.split('-').map((bound) => parseInt(bound, 16));
    if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) throw new Error(`unexpected unicode-range entry ${entry}`);
    kept.push([from, to]);
  }
  for (const [textFrom, textTo] of TEXT_CHARACTERS) {
    kept = kept.flatMap(([from, to]): Array<[number, number]> => {
      if (to < textFrom || from > textTo) return [[from, to]];
      const pieces: Array<[number, number]> = [];
      if (from < textFrom) pieces.push([from, textFrom - 1]);
      if (to > textTo) pieces.push([textTo + 1, to]);
      return pieces;
    });
  }
  return kept.map(([from, to]) => (from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`)).join(', ');
}

/**
 * The package's stylesheet as the page wants it: an installed Noto Color Emoji first (Linux
 * desktops and Android have one; then nothing is downloaded), else the bundled file; and no
 * claim on ordinary text characters.
 */
export function emojiFontStylesheet(css: string): string {
  const faces = css.match(/@font-face/g)?.length ?? 0;
  const sources = css.match(SOURCE)?.length ?? 0;
  const ranges = css.match(RANGE)?.length ?? 0;
  // Fails the build when a new version of the package words its faces differently.
  if (faces === 0 || sources !== faces || ranges !== faces) throw new Error(`${EMOJI_FONT_CSS}: unexpected @font-face rules`);
  return css
    .replace(SOURCE, (_match, bundled: string) => `src: local('Noto Color Emoji'), local('NotoColorEmoji'), ${bundled};`)
    .replace(RANGE, (_match, range: string) => `unicode-range: ${withoutTextCharacters(range)};`);
}

const isEmojiFont = (path: string) => path.replaceAll('\\', '/').includes('/@infolektuell/noto-color-emoji/files/');

/**
 * Rewrites the font's stylesheet before Vite resolves its url()s, and names its files
 * `noto-color-emoji-<subset>-<hash>.woff2` (the package calls them `0.woff2` … `10.woff2`), so
 * the service worker can tell them apart.
 */
export function emojiFontPlugin(): Plugin {
  return {
    name: 'relay-chat:emoji-font',
    enforce: 'pre',
    transform(code, id) {
      if (!id.split('?')[0]?.endsWith(`/${EMOJI_FONT_CSS}`)) return null;
      return { code: emojiFontStylesheet(code), map: null };
    },
    outputOptions(options) {
      const fallback = options.assetFileNames ?? 'assets/[name]-[hash][extname]';
      return {
        ...options,
        assetFileNames: (asset) => {
          if (asset.originalFileNames.some(isEmojiFont)) return 'assets/noto-color-emoji-[name]-[hash][extname]';
          return typeof fallback === 'function' ? fallback(asset) : fallback;
        },
      };
    },
  };
}
