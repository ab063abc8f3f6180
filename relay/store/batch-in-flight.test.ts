import { describe, expect, it } from 'vitest';
import { BatchInFlight } from './batch-in-flight.js';

describe('BatchInFlight', () => {
  it('sends one batch at a time: what is added meanwhile goes in the next, in order', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const queue = new BatchInFlight<number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map(() => undefined);
    });
    const first = queue.add(1);
    const later = [queue.add(2), queue.add(3), queue.add(4)];
    expect(queue.busy).toBe(true);
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(queue.busy).toBe(false);
  });

  it('settles each item with its own outcome, and fails the whole batch when sending throws', async () => {
    let fail = false;
    const queue = new BatchInFlight<string>(async (items) => {
      if (fail) throw new Error('down');
      return items.map((item) => (item === 'bad' ? new Error(`refused ${item}`) : undefined));
    });
    const [good, bad] = await Promise.allSettled([queue.add('good'), queue.add('bad')]);
    expect(good.status).toBe('fulfilled');
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'refused bad' } });
    fail = true;
    await expect(queue.add('any')).rejects.toThrow('down');
    fail = false;
    await expect(queue.add('after')).resolves.toBeUndefined();
  });
});
