import { defineStore } from 'pinia';
import { inject, shallowRef, watch } from 'vue';
import type { Message } from '../../../shared/protocol-types.js';
import type { Result } from '../core/client-result.js';
import type { OutboxEntry } from '../core/outbox.js';
import { CHAT_CLIENT, required } from './injection-keys.js';
import { useRoomsStore } from './rooms.js';

/**
 * What the user is doing to messages of the open room (contract v1.1): the message being
 * answered (shown above the composer), the one being edited inline, and the changes themselves,
 * which go through the core's outbox like messages. Switching rooms ends a reply or an edit.
 */
export const useMessageChangesStore = defineStore('message-changes', () => {
  const client = required(inject(CHAT_CLIENT), 'CHAT_CLIENT');
  const rooms = useRoomsStore();
  const replyingTo = shallowRef<Message>();
  const editing = shallowRef<string>();
  /** The message a reply's quote just led to, highlighted for a moment. */
  const highlighted = shallowRef<number>();

  watch(
    () => rooms.active,
    () => {
      replyingTo.value = undefined;
      editing.value = undefined;
    },
  );

  const room = () => rooms.active;
  const edit = (id: string, text: string): Result<OutboxEntry> => client.changes.edit(room(), id, text);
  const remove = (id: string): Result<OutboxEntry> => client.changes.delete(room(), id);
  const react = (id: string, emoji: string, on: boolean): Result<OutboxEntry> => client.changes.react(room(), id, emoji, on);
  const setTopic = (topic: string): Result<OutboxEntry> => client.changes.setTopic(room(), topic);

  /** The newest message of the user's that can still be edited (Up in an empty composer). */
  function lastOwn(): Message | undefined {
    const myId = rooms.myId;
    return [...rooms.messages].reverse().find((m) => m.user.id === myId && !m.deleted);
  }

  return { replyingTo, editing, highlighted, edit, remove, react, setTopic, lastOwn };
});
