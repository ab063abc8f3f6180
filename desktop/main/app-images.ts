import { nativeImage, type NativeImage } from 'electron';
import { drawAppIcon, drawUnreadDot } from '../icon/app-icon.js';
import { encodePng } from '../icon/png.js';

function image(size: number, scaleFactor: number, draw: (size: number) => Uint8Array): NativeImage {
  return nativeImage.createFromBuffer(encodePng(size, size, draw(size)), { scaleFactor });
}

/** Drawn at start-up (a few milliseconds), so the packaged app ships no image files of its own. */
export function createAppImages() {
  return {
    window: image(256, 1, drawAppIcon),
    // 32 px at scale 2: a crisp 16 pt tray icon on HiDPI screens, and large enough elsewhere.
    tray: image(32, 2, drawAppIcon),
    unreadOverlay: image(32, 2, drawUnreadDot),
  };
}

export type AppImages = ReturnType<typeof createAppImages>;
