import { Worker } from 'node:worker_threads';
import type { SenderReplies, SenderRequest, SenderResponse } from './sender-thread-protocol.js';

/** The main thread's handle on the sending thread: one request, one answer. */
export class SenderThread {
  private readonly worker = new Worker(new URL('./sender-thread.js', import.meta.url));
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor() {
    this.worker.on('message', (response: SenderResponse) => {
      const waiter = this.pending.get(response.id);
      this.pending.delete(response.id);
      if (response.ok) waiter?.resolve(response.value);
      else waiter?.reject(new Error(`sender thread: ${response.error}`));
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`sender thread exited (${code})`)));
  }

  request<T extends SenderRequest['type']>(request: Extract<SenderRequest, { type: T }>): Promise<SenderReplies[T]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    await this.request({ type: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}
