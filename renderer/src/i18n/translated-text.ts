import { computed, defineComponent, type PropType } from 'vue';
import { useLocaleStore } from '../stores/locale.js';
import type { MessageKey } from './messages.js';
import { translateParts } from './translate.js';

/**
 * A translated sentence whose `{placeholders}` are filled by the caller's named slots:
 * `<TranslatedText k="typing.one"><template #name><UserName :user /></template></TranslatedText>`.
 * A render function, because template whitespace between the parts would show in the sentence.
 */
export const TranslatedText = defineComponent({
  name: 'TranslatedText',
  props: { k: { type: String as PropType<MessageKey>, required: true } },
  setup(props, { slots }) {
    const locale = useLocaleStore();
    const parts = computed(() => translateParts(locale.locale, props.k));
    return () => parts.value.map((part) => ('param' in part ? (slots[part.param]?.() ?? `{${part.param}}`) : part.text));
  },
});
