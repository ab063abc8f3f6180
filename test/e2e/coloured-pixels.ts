import type { Locator } from 'playwright-core';

/** A pixel counts as coloured when its channels differ this much: the UI's greys and pale tints stay below. */
const MIN_CHROMA = 80;

/**
 * How many clearly coloured pixels a screenshot of `target` has, as the browser painted it. An
 * emoji drawn by a colour emoji font has dozens; one that no font has (the box of a missing
 * glyph) or a monochrome font drew has none. The screenshot is decoded by the page itself
 * (code as a string: the tests compile without the DOM library).
 */
export async function colouredPixels(target: Locator): Promise<number> {
  const png = (await target.screenshot()).toString('base64');
  return target.page().evaluate<number>(`new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, image.width, image.height).data;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > ${MIN_CHROMA}) coloured++;
      }
      resolve(coloured);
    };
    image.onerror = () => reject(new Error('the screenshot could not be decoded'));
    image.src = 'data:image/png;base64,${png}';
  })`);
}

/** Origins the page fetched font files from: the relay's own, never a CDN. */
export const fontOrigins = (target: Locator): Promise<string[]> =>
  target.page().evaluate<string[]>(`[...new Set(performance.getEntriesByType('resource')
    .filter((entry) => /\\.woff2?$/.test(new URL(entry.name).pathname)).map((entry) => new URL(entry.name).origin))]`);
