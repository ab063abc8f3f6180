import { describe, expect, it } from 'vitest';
import { createApp, defineComponent, h } from 'vue';
import { markdownToVNodes } from './markdown-vnodes.js';

/** Renders the VNodes into a real (happy-dom) element and returns it. */
function render(text: string): HTMLElement {
  const el = document.createElement('div');
  createApp(defineComponent({ render: () => h('div', markdownToVNodes(text)) })).mount(el);
  return el.firstElementChild as HTMLElement;
}
const links = (el: HTMLElement) => [...el.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent }));

describe('markdown subset', () => {
  it('renders bold, italic, code, fenced code, quotes and lists', () => {
    const el = render('**bold** _it_ `x<y`\n\n```\nlet a = 1 < 2;\n```\n\n> quoted\n\n- one\n- two\n\n3. three');
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('em')?.textContent).toBe('it');
    expect(el.querySelector('p > code')?.textContent).toBe('x<y');
    expect(el.querySelector('pre > code')?.textContent).toBe('let a = 1 < 2;');
    expect(el.querySelector('blockquote')?.textContent).toBe('quoted');
    expect([...el.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(el.querySelector('ol')?.getAttribute('start')).toBe('3');
  });

  it('keeps line breaks, leaves headings and HTML as text', () => {
    const el = render('line one\nline two\n# not a heading');
    expect(el.querySelectorAll('br')).toHaveLength(2);
    expect(el.querySelector('h1')).toBeNull();
    expect(el.textContent).toBe('line oneline two# not a heading');
  });

  it('links http(s) URLs, bare www. addresses and [text](https://…), and opens them safely', () => {
    const el = render('see https://example.org/a?b=1, www.example.com and [the menu](https://example.org/menu).');
    expect(links(el)).toEqual([
      { href: 'https://example.org/a?b=1', text: 'https://example.org/a?b=1' },
      { href: 'http://www.example.com/', text: 'www.example.com' },
      { href: 'https://example.org/menu', text: 'the menu' },
    ]);
    for (const a of el.querySelectorAll('a')) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
      expect(a.getAttribute('target')).toBe('_blank');
    }
  });
});

describe('markdown with hostile input', () => {
  const payloads = [
    '<script>window.hacked=1</script>',
    '<img src=x onerror="window.hacked=1">',
    'javascript:alert(1)',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](  javascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![img](https://example.org/x.png)',
    '[x](vbscript:msgbox(1))',
    '[x](file:///etc/passwd)',
    '<a href="javascript:alert(1)">x</a>',
    '[x](&#106;avascript:alert(1))',
    '<https://example.org/"onmouseover="alert(1)>',
  ];

  it.each(payloads)('renders %j without script, image, event handler or non-http link', (payload) => {
    const el = render(payload);
    expect(el.querySelectorAll('script, img, iframe, object, embed, style')).toHaveLength(0);
    for (const node of el.querySelectorAll('*')) {
      for (const attr of node.attributes) expect(attr.name).toMatch(/^(href|title|target|rel|start)$/);
    }
    for (const { href } of links(el)) expect(href).toMatch(/^https?:\/\//);
    expect(el.textContent?.length).toBeGreaterThan(0);
  });

  it('shows the HTML of a payload as the text it is', () => {
    expect(render('<img src=x onerror="window.hacked=1"><b>bold?</b>').textContent).toBe('<img src=x onerror="window.hacked=1"><b>bold?</b>');
  });

  it('makes a bidi override inside a link visible instead of letting it flip the file name', () => {
    const el = render('https://good.example/\u202Egpj.exe');
    expect(el.textContent).not.toContain('\u202E');
    expect(el.textContent).toContain('[U+202E]gpj.exe');
    for (const { href } of links(el)) expect(href).not.toContain('\u202E');
  });
});
