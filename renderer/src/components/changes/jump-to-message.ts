import type { InjectionKey } from 'vue';

/**
 * Provided by the timeline: scrolls to the message with this seq (loading older pages until it
 * is held, or there is no older history) and highlights it. Resolves whether it was found.
 */
export const JUMP_TO_MESSAGE: InjectionKey<(seq: number) => Promise<boolean>> = Symbol('jump-to-message');
