import { defineStore } from 'pinia';
import { computed, inject, markRaw, shallowRef } from 'vue';
import type { Message, User } from '../../../shared/protocol-types.js';
import { LOBBY } from '../../../shared/rooms.js';
import type { ChatClient } from '../core/chat-client.js';
import type { Result } from '../core/client-result.js';
import type { OutboxEntry } from '../core/outbox.js';
import { badgeCount, roomsAttention, type RoomAttention } from '../core/room-attention.js';
import type { MessageExtras } from '../core/room-changes.js';
import { RoomMutes } from '../core/room-mutes.js';
import { emptyPresence, typingUsers, type RoomPresence } from '../core/room-presence.js';
import { RoomViewMemory } from '../core/room-view-memory.js';
import { buildTimeline, type TimelineEntry } from '../core/timeline.js';
import { findNamesake } from './namesake.js';
import { APP_STORAGE, CHAT_CLIENT, required } from './injection-keys.js';

/** One line of the room list: a joined room, how many of its messages are unread, whether it is muted. */
export interface RoomListEntry extends RoomAttention {
  name: string;
}

/** What the open room shows, read from the core in one go. */
interface OpenRoom {
  messages: readonly Message[];
  presence: RoomPresence;
  pending: readonly OutboxEntry[];
  hasOlder: boolean;
  myId: string | undefined;
  topic: string;
  /** Edits, deletes, reactions and topic changes the relay has not acknowledged yet. */
  changes: readonly OutboxEntry[];
  /** The user's read position (v1.1), on any of their connections. */
  readSeq: number;
  /** The relay's answer is in: `readSeq` is the relay's, not just what the cache had. */
  synced: boolean;
}

/** Cheap (references only): the timeline and lists are derived lazily, once per render at most. */
function readOpenRoom(client: ChatClient, room: string): OpenRoom {
  const state = client.room(room);
  return {
    messages: state?.log.messages ?? [],
    presence: state?.presence ?? emptyPresence(room),
    pending: client.pending(room),
    hasOlder: state?.log.hasOlder ?? false,
    myId: client.me?.id,
    topic: state?.log.topic ?? '',
    changes: client.outbox.forRoom(room).filter((e) => (e.kind ?? 'text') !== 'text'),
    readSeq: state?.readSeq ?? 0,
    synced: state?.synced ?? false,
  };
}

/** How long a left room can still be brought back (the toast's Undo). */
export const LEAVE_UNDO_MS = 6000;

/**
 * Joined rooms, the open room's timeline, users and typing hints. The core owns the state; this
 * store copies it into refs when the core says something changed, and derives only the open room.
 */
export const useRoomsStore = defineStore('rooms', () => {
  const client = required(inject(CHAT_CLIENT), 'CHAT_CLIENT');
  const storage = required(inject(APP_STORAGE), 'APP_STORAGE');
  const memory = new RoomViewMemory(storage, () => client.me?.id);
  /** Raw: the instance is shared with main.ts's notifications, not state for Vue to wrap. */
  const mutes = markRaw(new RoomMutes(storage));
  const remembered = memory.lastRoom;
  // A reload returns to the room the user was in, if it is still joined.
  const active = shallowRef(remembered !== undefined && client.room(remembered) ? remembered : LOBBY);
  const summaries = shallowRef<RoomListEntry[]>([]);
  /** A room the user left a moment ago: hidden, and left for real when the Undo time is over. */
  const leaving = shallowRef<string | undefined>();
  let leaveTimer: ReturnType<typeof setTimeout> | undefined;
  /** A new value on every change the core reports for the open room; all views of it derive from this. */
  const open = shallowRef<OpenRoom>(readOpenRoom(client, active.value));
  const readOpen = () => (open.value = readOpenRoom(client, active.value));

  const readRooms = () => {
    summaries.value = roomsAttention(client, (room) => mutes.isMuted(room)).filter((r) => r.name !== leaving.value);
    if (!client.room(active.value) || active.value === leaving.value) select(LOBBY);
  };
  readRooms();
  client.setActiveRoom(active.value);
  client.events.on('rooms', readRooms);
  mutes.events.on('changed', readRooms);
  client.events.on('room', (room) => {
    if (room === active.value) readOpen();
  });
  client.events.on('me', readOpen);

  const timeline = computed<TimelineEntry[]>(() => {
    const { messages, presence, pending, myId } = open.value;
    return buildTimeline(messages, presence.notices, pending, myId);
  });
  const users = computed<User[]>(() => [...open.value.presence.users.values()].sort((a, b) => a.name.localeCompare(b.name)));
  // `Date.now()` is not reactive: when a hint expires the core reports the room changed, and `open` is read again.
  const typing = computed<User[]>(() => typingUsers(open.value.presence, Date.now()));
  const hasOlder = computed(() => open.value.hasOlder);
  const topic = computed(() => open.value.topic);
  const messages = computed(() => open.value.messages);
  const myId = computed(() => open.value.myId);
  /** For the tab title: muted rooms count only their mentions. */
  const totalUnread = computed(() => badgeCount(summaries.value));

  function select(room: string): void {
    if (!client.room(room)) return;
    active.value = room;
    memory.lastRoom = room;
    client.setActiveRoom(room);
    readOpen();
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
    // Joining the room just left is the same as Undo.
    if (result.ok && result.value === leaving.value) undoLeave();
    else if (result.ok) select(result.value);
    return result;
  }

  /**
   * Hides the room at once but leaves it only after LEAVE_UNDO_MS, so Undo loses nothing: not
   * the history, the draft, nor the messages still waiting in the outbox.
   */
  function leave(room: string): void {
    if (room === LOBBY || !client.room(room)) return;
    void commitLeave();
    leaving.value = room;
    readRooms();
    leaveTimer = setTimeout(() => void commitLeave(), LEAVE_UNDO_MS);
  }

  function undoLeave(): void {
    const room = leaving.value;
    clearTimeout(leaveTimer);
    leaving.value = undefined;
    readRooms();
    if (room) select(room);
  }

  async function commitLeave(): Promise<Result | undefined> {
    const room = leaving.value;
    clearTimeout(leaveTimer);
    if (room === undefined) return undefined;
    leaving.value = undefined;
    memory.forget(room);
    return client.leaveRoom(room);
  }

  const setMuted = (room: string, muted: boolean) => mutes.set(room, muted);
  const draftOf = (room: string) => memory.draft(room);
  const keepDraft = (room: string, text: string) => memory.setDraft(room, text);

  const send = (text: string, extras?: MessageExtras): Result<OutboxEntry> => client.send(active.value, text, extras);
  /** The open room has been seen up to `seq`; only news to the relay is sent. */
  const markSeen = (seq: number) => {
    if (seq > open.value.readSeq) void client.markSeen(active.value, seq);
  };
  const retry = (clientId: string) => client.retry(clientId);
  const discard = (clientId: string) => client.discard(clientId);
  const notifyTyping = () => client.notifyTyping(active.value);
  const loadOlder = () => client.loadOlder(active.value);
  /** Someone else online in our rooms already called `name` (a rename to it asks first). */
  const namesake = (name: string) => findNamesake(client, name, client.me?.id);

  return {
    active, summaries, leaving, timeline, users, typing, hasOlder, totalUnread, topic, messages, myId, open, mutes,
    select, setMuted, step, join, leave, undoLeave, commitLeave, draftOf, keepDraft, send, retry, discard, notifyTyping, loadOlder, markSeen, namesake,
  };
});
