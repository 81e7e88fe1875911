/**
 * A fast path for the HTML Mastodon writes: paragraphs, line breaks, links and spans with a few double-quoted
 * attributes, text with the five basic entities. Such HTML is read here with one small scanner instead of two full
 * HTML parsers (sanitize-html, html-to-text): normalizing and sanitizing a status took 56 µs, 27 µs this way
 * (bench/intake, CPU time, warm). Anything else, however harmless, returns null and takes the libraries' path.
 * The results are, character for character, what the libraries give for the same HTML:
 * test/unit/pipeline/text/simple-html.test.ts compares them on thousands of generated documents.
 */

type Tag = 'p' | 'a' | 'span';

/** A piece of simple HTML: text (entities decoded) or one of its tags. */
export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'open'; tag: Tag; attrs: Map<string, string> }
  | { kind: 'close'; tag: Tag }
  | { kind: 'br' };

/** One tag at the scanner's position: `</name>`, or `<name attr="value"…>` with an optional `/` before `>`. */
const TAG = /<(\/?)([a-z]+)((?:\s+[a-z]+="[^"<>&]*")*)\s*(\/?)>/y;
const ATTRIBUTE = /([a-z]+)="([^"]*)"/g;
/** Attributes each tag may carry on the fast path (`translate` and `target` are dropped or replaced anyway). */
const ATTRIBUTES: Record<Tag, ReadonlySet<string>> = {
  p: new Set(),
  span: new Set(['class']),
  a: new Set(['href', 'class', 'rel', 'target', 'translate']),
};
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const ENTITY = /&(?:amp|lt|gt|quot|#39);/g;
/**
 * Characters left to the libraries: `>` and a bare `&` (markup the parsers would read their own way), NUL and
 * carriage returns (which parsers rewrite), and the spaces JavaScript's `trim` and html-to-text disagree about.
 */
const UNUSUAL_TEXT =
  // eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for
  /[>\u0000\r\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]|&(?!(?:amp|lt|gt|quot|#39);)/;
/** Class names separated by single spaces. */
const CLASS_NAMES = /^(?:[\w-]+(?: [\w-]+)*)?$/;
/** An absolute http(s) link without spaces: the only `href` the allow-list keeps as is. */
const PLAIN_HREF = /^https?:\/\/[^\s]+$/;

/** The tokens of `html` when it is simple enough for the fast path (well nested, known tags only), else null. */
export function readSimpleHtml(html: string): Token[] | null {
  const tokens: Token[] = [];
  const open: Tag[] = [];
  let cursor = 0;
  while (cursor < html.length) {
    const lt = html.indexOf('<', cursor);
    const end = lt < 0 ? html.length : lt;
    if (end > cursor) {
      const raw = html.slice(cursor, end);
      if (UNUSUAL_TEXT.test(raw)) return null;
      tokens.push({ kind: 'text', text: raw.includes('&') ? raw.replace(ENTITY, (e) => ENTITIES[e] ?? e) : raw });
    }
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const match = TAG.exec(html);
    const token = match ? tagToken(match, open) : null;
    if (!token) return null;
    tokens.push(token);
    cursor = TAG.lastIndex;
  }
  return open.length === 0 ? tokens : null;
}

/** The token for one matched tag, keeping `open` (the stack of open tags) balanced; null if off the fast path. */
function tagToken(match: RegExpExecArray, open: Tag[]): Token | null {
  const [, slash, name = '', attributes = '', selfClosing] = match;
  if (name === 'br') return slash || attributes ? null : { kind: 'br' };
  if (name !== 'p' && name !== 'a' && name !== 'span') return null;
  if (slash) {
    if (attributes || selfClosing || open.pop() !== name) return null;
    return { kind: 'close', tag: name };
  }
  // Paragraphs only at the top, links never in links: the libraries' parser would close tags by itself there.
  if (selfClosing || (name === 'p' && open.length > 0) || (name === 'a' && open.includes('a'))) return null;
  const attrs = new Map<string, string>();
  for (const [, key = '', value = ''] of attributes.matchAll(ATTRIBUTE)) {
    if (!ATTRIBUTES[name].has(key) || attrs.has(key)) return null;
    attrs.set(key, value);
  }
  if (name === 'a' && !PLAIN_HREF.test(attrs.get('href') ?? '')) return null;
  if (!CLASS_NAMES.test(attrs.get('class') ?? '')) return null;
  open.push(name);
  return { kind: 'open', tag: name, attrs };
}

/** Whitespace as html-to-text collapses it. */
const SPACES = /[ \t\n\f]+/g;

/**
 * The plain text html-to-text gives (see html-to-plain.ts) when every paragraph, and every line between line
 * breaks, holds a word, and paragraphs are not mixed with loose text; null otherwise. Paragraphs are separated by
 * a blank line, `<br>` is a newline, whitespace collapses to one space, tags leave only their text.
 */
export function simpleHtmlToText(tokens: readonly Token[]): string | null {
  const blocks: string[] = [];
  let lines: string[] = [];
  let line = '';
  let inParagraph = false;
  let loose = false;
  const endLine = (): boolean => {
    const clean = line.replace(SPACES, ' ').trim();
    line = '';
    if (clean === '') return false;
    lines.push(clean);
    return true;
  };
  for (const token of tokens) {
    if (token.kind === 'text') {
      if (!inParagraph && token.text.replace(SPACES, '') !== '') loose = true;
      line += token.text;
    } else if (token.kind === 'br') {
      if (!endLine()) return null;
    } else if (token.tag === 'p' && token.kind === 'open') {
      if (line.replace(SPACES, '') !== '') return null;
      line = '';
      inParagraph = true;
    } else if (token.tag === 'p') {
      inParagraph = false;
      if (!endLine()) return null;
      blocks.push(lines.join('\n'));
      lines = [];
    }
  }
  if (blocks.length > 0) return loose ? null : blocks.join('\n\n');
  return endLine() ? lines.join('\n') : null;
}

/** Classes the allow-list keeps, per tag (html-policy.ts `allowedClasses`). */
export type AllowedClasses = Partial<Record<Tag, readonly string[]>>;

/**
 * The HTML sanitize-html gives with the allow-list of html-policy.ts, before its final trim: text re-escaped,
 * `<br />`, classes filtered, links with their `href` (and kept classes), `rel` and `target` set.
 */
export function simpleHtmlSanitized(tokens: readonly Token[], classes: AllowedClasses, rel: string): string {
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'text') out += token.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    else if (token.kind === 'br') out += '<br />';
    else if (token.kind === 'close') out += `</${token.tag}>`;
    else {
      const kept = (token.attrs.get('class') ?? '').split(' ').filter((c) => classes[token.tag]?.includes(c));
      const cls = kept.length > 0 ? ` class="${kept.join(' ')}"` : '';
      if (token.tag === 'a') out += `<a href="${token.attrs.get('href')}"${cls} rel="${rel}" target="_blank">`;
      else out += `<${token.tag}${cls}>`;
    }
  }
  return out;
}
