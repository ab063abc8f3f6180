// Writes build/icon.png, the icon electron-builder turns into the .ico, .icns and Linux icons
// (it needs at least 512×512), and the web app's install icons (renderer/public/icons, named by
// its manifest). Run by `npm run dist`; the picture itself lives in icon/app-icon.ts, and
// desktop/icon/web-icons.test.ts fails when the committed web icons no longer match it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { drawAppIcon } from './icon/app-icon.js';
import { encodePng } from './icon/png.js';
import { WEB_ICON_DIR, WEB_ICON_SIZES, webIconPath } from './icon/web-icons.js';

const SIZE = 512;
mkdirSync('build', { recursive: true });
writeFileSync('build/icon.png', encodePng(SIZE, SIZE, drawAppIcon(SIZE)));
console.log(`build/icon.png (${SIZE}×${SIZE})`);
mkdirSync(WEB_ICON_DIR, { recursive: true });
for (const size of WEB_ICON_SIZES) {
  writeFileSync(webIconPath(size), encodePng(size, size, drawAppIcon(size)));
  console.log(`${webIconPath(size)} (${size}×${size})`);
}
