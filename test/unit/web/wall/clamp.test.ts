import { describe, expect, it } from 'vitest';
import {
  clampTree,
  isUrlLabel,
  nextPageStart,
  pageEnd,
  shortenUrl,
  sliceTree,
  truncateAtWord,
  type TextNode,
} from '../../../../wall/lib/clamp.js';

describe('truncateAtWord', () => {
  it('leaves a text that fits alone', () => {
    expect(truncateAtWord('Bonjour à tous', 14)).toBe('Bonjour à tous');
  });

  it('ends at the last whole word, with an ellipsis and no dangling punctuation', () => {
    expect(truncateAtWord('Quand commencent les travaux du marché ?', 24)).toBe('Quand commencent les…');
    expect(truncateAtWord('Un, deux, trois, quatre', 10)).toBe('Un, deux…');
    expect(truncateAtWord('Bonjour à tous', 9)).toBe('Bonjour à…');
  });

  it('cuts inside only a single word longer than the whole budget', () => {
    expect(truncateAtWord('Anticonstitutionnellement', 10)).toBe('Anticonsti…');
  });

  it('never splits an emoji', () => {
    expect(truncateAtWord('ab😀cd ef', 3)).toBe('ab…');
    expect(truncateAtWord('abc', 0)).toBe('');
  });
});

describe('shortenUrl', () => {
  it('drops the scheme, www. and a trailing slash', () => {
    expect(shortenUrl('https://www.example.org/')).toBe('example.org');
  });

  it('ellipsizes a long address', () => {
    const short = shortenUrl('https://www.example.org/une-tres-longue-adresse-sans-espace-qui-ne-doit-pas-deborder');
    expect(short).toBe('example.org/une-tres-longue-adr…');
    expect(short.length).toBe(32);
  });

  it('recognises labels that are addresses', () => {
    expect(isUrlLabel('https://example.org/a')).toBe(true);
    expect(isUrlLabel('www.example.org')).toBe(true);
    expect(isUrlLabel('le site de la ville')).toBe(false);
  });
});

/** A minimal DOM-like tree: elements with children, text nodes with a value. */
class Fake implements TextNode {
  parent: Fake | null = null;
  children: Fake[] = [];
  constructor(
    readonly nodeType: number,
    readonly nodeName: string,
    public nodeValue: string | null = null,
    readonly attributes: Record<string, string> = {},
  ) {}
  static el(name: string, attributes: Record<string, string>, ...children: (Fake | string)[]): Fake {
    const node = new Fake(1, name.toUpperCase(), null, attributes);
    for (const child of children) node.append(typeof child === 'string' ? new Fake(3, '#text', child) : child);
    return node;
  }
  append(child: Fake): void {
    child.parent = this;
    this.children.push(child);
  }
  get childNodes(): Fake[] {
    return this.children;
  }
  get textContent(): string {
    return this.nodeType === 3 ? (this.nodeValue ?? '') : this.children.map((child) => child.textContent).join('');
  }
  set textContent(value: string) {
    this.children = [];
    this.append(new Fake(3, '#text', value));
  }
  getAttribute(name: string): string | null {
    return this.attributes[name] ?? null;
  }
  remove(): void {
    if (this.parent) this.parent.children = this.parent.children.filter((child) => child !== this);
  }
}

describe('clampTree', () => {
  const url = 'https://www.example.org/une-tres-longue-adresse-sans-espace-qui-ne-doit-pas-deborder';

  it('shortens the label of a long link but not hashtags or worded links', () => {
    const root = Fake.el(
      'p',
      {},
      'Voir ',
      Fake.el('a', { href: url }, url),
      ' ',
      Fake.el('a', { class: 'hashtag', href: 'https://x.com/hashtag/GrandDebat' }, '#GrandDebat'),
      ' ',
      Fake.el('a', { href: url }, 'le programme'),
    );
    clampTree(root, Infinity);
    expect(root.textContent).toBe('Voir example.org/une-tres-longue-adr… #GrandDebat le programme');
  });

  it('shortens a Mastodon link split in invisible parts', () => {
    const link = Fake.el(
      'a',
      { href: url },
      Fake.el('span', { class: 'invisible' }, 'https://www.'),
      Fake.el('span', { class: 'ellipsis' }, 'example.org/une-tres-longue'),
      Fake.el('span', { class: 'invisible' }, '-adresse-sans-espace-qui-ne-doit-pas-deborder'),
    );
    const root = Fake.el('p', {}, link);
    clampTree(root, Infinity);
    expect(root.textContent).toBe('example.org/une-tres-longue-adr…');
  });

  it('keeps the budget, ends at a word boundary and removes what follows', () => {
    const root = Fake.el(
      'div',
      {},
      Fake.el('p', {}, 'Première phrase assez longue. ', Fake.el('span', { class: 'hashtag' }, '#Tag')),
      Fake.el('br', {}),
      Fake.el('p', {}, 'Seconde'),
    );
    clampTree(root, 24);
    expect(root.textContent).toBe('Première phrase assez…');
    expect(root.children).toHaveLength(1);
  });

  it('drops a hashtag the budget would cut, ending the text before it', () => {
    const root = Fake.el(
      'p',
      {},
      'Vue depuis le balcon ',
      Fake.el('a', { class: 'hashtag', href: 'https://x.com/hashtag/MurmureDemo' }, '#MurmureDemo'),
    );
    clampTree(root, 26);
    expect(root.textContent).toBe('Vue depuis le balcon…');
  });

  it('leaves a text within budget untouched', () => {
    const root = Fake.el('p', {}, 'Court ', Fake.el('span', { class: 'mention' }, '@ana'));
    clampTree(root, 100);
    expect(root.textContent).toBe('Court @ana');
  });
});

describe('pages of a long message', () => {
  const text = 'Une phrase assez longue pour trois pages, sans rien perdre du tout à la fin.';

  it('ends each page at a word boundary, and the pages together are the whole text', () => {
    const pages: string[] = [];
    for (let start = nextPageStart(text, 0); start < text.length;) {
      const end = pageEnd(text, start, 28);
      expect(end - start).toBeLessThanOrEqual(28);
      pages.push(text.slice(start, end));
      start = nextPageStart(text, end);
    }
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.join(' ')).toBe(text);
    for (const page of pages) expect(page).toBe(page.trim());
  });

  it('cuts inside a word only when a single word is longer than a page', () => {
    expect(pageEnd('Anticonstitutionnellement oui', 0, 10)).toBe(10);
    expect(pageEnd('court', 0, 10)).toBe(5);
  });

  it('keeps one page of a tree: its text, the markup around it, a line break or an emoji where they stand', () => {
    const build = () =>
      Fake.el(
        'div',
        {},
        Fake.el('p', {}, 'Bonjour à ', Fake.el('a', { class: 'hashtag' }, '#tous'), ' et bienvenue.'),
        Fake.el('br', {}),
        Fake.el('p', {}, 'Seconde ', Fake.el('img', { alt: ':emoji:' }), 'phrase.'),
      );
    const whole = build().textContent;
    const first = build();
    const end = pageEnd(whole, 0, 20);
    sliceTree(first, 0, end);
    expect(first.textContent).toBe('Bonjour à #tous et');
    expect(first.children).toHaveLength(1);
    const second = build();
    const start = nextPageStart(whole, end);
    sliceTree(second, start, whole.length);
    expect(second.textContent).toBe('bienvenue.Seconde phrase.');
    expect(second.children.map((child) => child.nodeName)).toEqual(['P', 'BR', 'P']);
    expect(second.children[2]!.children.map((child) => child.nodeName)).toEqual(['#text', 'IMG', '#text']);
  });
});
