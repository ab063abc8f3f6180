import { computed, shallowRef, type Ref } from 'vue';
import type { User } from '../../../../shared/protocol-types.js';
import { completeMention, mentionCandidates, mentionQueryAt, type MentionQuery } from './mention-query.js';

/**
 * The `@` autocomplete of a textarea: which people match what is typed after the `@`, which one
 * is active (↑/↓), and putting the chosen name into the text (Enter or Tab; Esc closes).
 */
export function useMentionAutocomplete(box: Ref<HTMLTextAreaElement | undefined>, draft: Ref<string>, people: () => readonly User[]) {
  const at = shallowRef<MentionQuery>();
  const active = shallowRef(0);
  const candidates = computed(() => (at.value ? mentionCandidates(people(), at.value.query) : []));
  const open = computed(() => candidates.value.length > 0);

  /** After every input and caret move: is an `@name` being typed? */
  function update(): void {
    const el = box.value;
    const next = el ? mentionQueryAt(draft.value, el.selectionStart) : undefined;
    if (next?.start !== at.value?.start || next?.query !== at.value?.query) active.value = 0;
    at.value = next;
  }

  function choose(user: User): void {
    const el = box.value;
    if (!at.value || !el) return;
    const done = completeMention(draft.value, at.value, user.name);
    draft.value = done.text;
    at.value = undefined;
    el.value = done.text;
    el.focus();
    el.setSelectionRange(done.caret, done.caret);
  }

  /** Whether the key was the autocomplete's (then the composer must not act on it too). */
  function onKeydown(event: KeyboardEvent): boolean {
    if (!open.value) return false;
    const count = candidates.value.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      active.value = (active.value + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
    } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
      const user = candidates.value[active.value];
      if (user) choose(user);
    } else if (event.key === 'Escape') {
      at.value = undefined;
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  return { candidates, active, open, update, choose, onKeydown };
}
