import { expect } from 'vitest';

/** Every tag closed in order, no stray "<" in text: what a browser needs to render the file. */
export function expectWellFormed(svg: string): void {
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)[^<>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  expect(svg.replace(/<[^<>]*>/g, '')).not.toMatch(/[<>]/);
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
}

/** Every coordinate attribute inside the drawing. */
export function expectInside(svg: string, width: number, height: number): void {
  for (const [, attr, value] of svg.matchAll(/\b(x|y|x1|x2|y1|y2)="(-?[\d.]+)"/g)) {
    const limit = attr!.startsWith('x') ? width : height;
    expect(Number(value)).toBeGreaterThanOrEqual(0);
    expect(Number(value)).toBeLessThanOrEqual(limit);
  }
}
