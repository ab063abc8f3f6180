// Writes build/icon.png, the icon electron-builder turns into the .ico, .icns and Linux icons
// (it needs at least 512×512). Run by `npm run dist`; the picture itself lives in icon/app-icon.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { drawAppIcon } from './icon/app-icon.js';
import { encodePng } from './icon/png.js';

const SIZE = 512;
mkdirSync('build', { recursive: true });
writeFileSync('build/icon.png', encodePng(SIZE, SIZE, drawAppIcon(SIZE)));
console.log(`build/icon.png (${SIZE}×${SIZE})`);
