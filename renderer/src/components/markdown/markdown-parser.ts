import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { safeHref } from './safe-link.js';

export type { Token };

/**
 * The chat's Markdown subset, and the only file that knows markdown-it. Raw HTML is off (it
 * stays text); from the "zero" preset only these are switched on: **bold**, _italic_, `code`,
 * fenced code, > quotes, lists, [links](https://…) and bare URLs including www. Headings,
 * tables, images, indented code and entities stay off: in a chat they mostly misfire on text
 * people did not mean as Markdown.
 */
function createParser(): MarkdownIt {
  const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: true });
  md.enable(['linkify', 'fence', 'blockquote', 'list', 'emphasis', 'backticks', 'link', 'newline', 'escape']);
  // markdown-it's own check allows more (e.g. ftp:, data:image); ours allows only http(s).
  md.validateLink = (url) => safeHref(url) !== undefined;
  md.linkify.set({ fuzzyEmail: false });
  return md;
}

let parser: MarkdownIt | undefined;

/** The token stream of one message; the view turns it into VNodes, never into an HTML string. */
export function parseMarkdown(text: string): Token[] {
  parser ??= createParser();
  return parser.parse(text, {});
}
