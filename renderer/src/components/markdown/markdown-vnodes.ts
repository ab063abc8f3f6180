import { h, type VNode, type VNodeArrayChildren } from 'vue';
import { parseMarkdown, type Token } from './markdown-parser.js';
import { safeHref, visibleLinkText } from './safe-link.js';

type Children = VNodeArrayChildren;

/** Token types we open as elements; anything else is shown as its text, never as markup. */
const TAGS: Readonly<Record<string, string>> = {
  paragraph: 'p',
  bullet_list: 'ul',
  ordered_list: 'ol',
  list_item: 'li',
  blockquote: 'blockquote',
  strong: 'strong',
  em: 'em',
};

interface Frame {
  tag: string | undefined;
  props: Record<string, string>;
  children: Children;
  /** Inside a link: its text gets the bidi-control treatment. */
  link: boolean;
}

/**
 * Message text → VNodes through markdown-it's token stream. Every string from the user ends
 * up as a text node; the only attributes set are a checked http(s) `href` and an `<ol start>`.
 */
export function markdownToVNodes(text: string): Children {
  const root: Frame = { tag: undefined, props: {}, children: [], link: false };
  const stack: Frame[] = [root];
  walk(parseMarkdown(text), stack);
  // Unbalanced tokens cannot come from markdown-it, but never drop text if they did.
  while (stack.length > 1) close(stack);
  return root.children;
}

function walk(tokens: readonly Token[], stack: Frame[]): void {
  for (const token of tokens) {
    const top = stack[stack.length - 1] as Frame;
    if (token.type === 'inline') {
      walk(token.children ?? [], stack);
    } else if (token.nesting === 1) {
      stack.push(openFrame(token, top));
    } else if (token.nesting === -1) {
      close(stack);
    } else {
      const node = leaf(token, top.link);
      if (node !== undefined) top.children.push(node);
    }
  }
}

function openFrame(token: Token, parent: Frame): Frame {
  const base = token.type.replace(/_open$/, '');
  // Tight list items hide their paragraphs; a link with a bad href stays plain text.
  if (token.hidden) return { tag: undefined, props: {}, children: [], link: parent.link };
  if (base === 'link') {
    const href = safeHref(token.attrGet('href') ?? '');
    if (!href) return { tag: undefined, props: {}, children: [], link: true };
    return { tag: 'a', props: { href, title: href, target: '_blank', rel: 'noopener noreferrer nofollow' }, children: [], link: true };
  }
  const tag = TAGS[base];
  const props: Record<string, string> = {};
  const start = token.attrGet('start');
  if (base === 'ordered_list' && start !== null && /^\d{1,9}$/.test(start)) props.start = start;
  return { tag, props, children: [], link: parent.link };
}

function close(stack: Frame[]): void {
  const frame = stack.pop() as Frame;
  const parent = stack[stack.length - 1] as Frame;
  if (frame.tag) parent.children.push(h(frame.tag, frame.props, frame.children));
  else parent.children.push(...frame.children);
}

function leaf(token: Token, inLink: boolean): VNode | string | undefined {
  switch (token.type) {
    case 'text':
      return inLink ? visibleLinkText(token.content) : token.content;
    case 'softbreak':
    case 'hardbreak':
      return h('br');
    case 'code_inline':
      return h('code', token.content);
    case 'fence':
      // The info string ("```js") is not used: no highlighting, no class from user text.
      return h('pre', h('code', token.content.replace(/\n$/, '')));
    default:
      return token.content === '' ? undefined : token.content;
  }
}
