import { defineStore } from 'pinia';
import { computed, inject, shallowRef, triggerRef } from 'vue';
import type { User } from '../../../shared/protocol-types.js';
import { LOBBY } from '../../../shared/rooms.js';
import type { Result } from '../core/client-result.js';
import type { OutboxEntry } from '../core/outbox.js';
import { typingUsers } from '../core/room-presence.js';
import { buildTimeline, type TimelineEntry } from '../core/timeline.js';
import { CHAT_CLIENT, required } from './injection-keys.js';

export interface RoomSummary {
  name: string;
  unread: number;
}

/**
 * Joined rooms, the open room's timeline, users and typing hints. The core owns the state; this
 * store re-reads it when the core says something changed, and derives only the open room.
 */
export const useRoomsStore = defineStore('rooms', () => {
  const client = required(inject(CHAT_CLIENT), 'CHAT_CLIENT');
  const active = shallowRef(LOBBY);
  const summaries = shallowRef<RoomSummary[]>([]);
  /** Bumped when the open room changes in the core; the computeds below depend on it. */
  const activeChanged = shallowRef(0);

  const readRooms = () => {
    summaries.value = client.rooms.map((name) => ({ name, unread: client.room(name)?.unread ?? 0 }));
    if (!client.room(active.value)) select(LOBBY);
  };
  readRooms();
  client.setActiveRoom(active.value);
  client.events.on('rooms', readRooms);
  client.events.on('room', (room) => {
    if (room === active.value) triggerRef(activeChanged);
  });
  client.events.on('me', () => triggerRef(activeChanged));

  const timeline = computed<TimelineEntry[]>(() => {
    void activeChanged.value;
    const state = client.room(active.value);
    if (!state) return [];
    return buildTimeline(state.log.messages, state.presence.notices, client.pending(active.value), client.me?.id);
  });
  const users = computed<User[]>(() => {
    void activeChanged.value;
    const list = [...(client.room(active.value)?.presence.users.values() ?? [])];
    return list.sort((a, b) => a.name.localeCompare(b.name));
  });
  const typing = computed<User[]>(() => {
    void activeChanged.value;
    const state = client.room(active.value);
    return state ? typingUsers(state.presence, Date.now()) : [];
  });
  const hasOlder = computed(() => {
    void activeChanged.value;
    return client.room(active.value)?.log.hasOlder ?? false;
  });
  const totalUnread = computed(() => summaries.value.reduce((sum, r) => sum + r.unread, 0));

  function select(room: string): void {
    if (!client.room(room)) return;
    active.value = room;
    client.setActiveRoom(room);
    triggerRef(activeChanged);
  }

  /** Moves to the previous (-1) or next (+1) room, wrapping around (Alt+Up/Down). */
  function step(delta: 1 | -1): void {
    const names = summaries.value.map((r) => r.name);
    const index = names.indexOf(active.value);
    const next = names[(index + delta + names.length) % names.length];
    if (next) select(next);
  }

  async function join(name: string): Promise<Result<string>> {
    const result = await client.joinRoom(name);
    if (result.ok) select(result.value);
    return result;
  }

  async function leave(room: string): Promise<Result> {
    const result = await client.leaveRoom(room);
    if (result.ok && active.value === room) select(LOBBY);
    return result;
  }

  const send = (text: string): Result<OutboxEntry> => client.send(active.value, text);
  const retry = (clientId: string) => client.retry(clientId);
  const discard = (clientId: string) => client.discard(clientId);
  const notifyTyping = () => client.notifyTyping(active.value);
  const loadOlder = () => client.loadOlder(active.value);

  return { active, summaries, timeline, users, typing, hasOlder, totalUnread, select, step, join, leave, send, retry, discard, notifyTyping, loadOlder };
});
