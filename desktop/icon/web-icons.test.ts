import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawAppIcon } from './app-icon.js';
import { encodePng } from './png.js';
import { WEB_ICON_SIZES, webIconPath } from './web-icons.js';

describe('web app icons', () => {
  it.each(WEB_ICON_SIZES)('the committed %i px icon is the desktop icon (regenerate: tsx desktop/generate-icon.ts)', (size) => {
    expect(readFileSync(webIconPath(size)).equals(encodePng(size, size, drawAppIcon(size)))).toBe(true);
  });

  it('the web manifest names exactly these icons', () => {
    const manifest = JSON.parse(readFileSync('renderer/public/manifest.webmanifest', 'utf8')) as { icons: Array<{ src: string; sizes: string }> };
    expect(manifest.icons.map((icon) => [`renderer/public/${icon.src}`, icon.sizes])).toEqual(
      WEB_ICON_SIZES.map((size) => [webIconPath(size), `${size}x${size}`]),
    );
  });
});
