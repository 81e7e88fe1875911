/** The allow-list applied to HTML a source wrote itself (Mastodon statuses): anything not listed is dropped. */
import sanitizeHtml from 'sanitize-html';
import { LINK_REL } from './to-html.js';

/**
 * Tags whose content is dropped with them, not kept as text. sanitize-html replaces its default list with ours, so
 * the defaults (script, style, textarea, option, noscript) are repeated here.
 */
const NON_TEXT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'noembed',
  'noframes',
  'xmp',
  'title',
  'head',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a', 'span', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'blockquote'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  // Mastodon's own classes: `invisible`/`ellipsis` shorten long URLs, `hashtag`/`mention` style links.
  allowedClasses: { a: ['hashtag', 'mention'], span: ['hashtag', 'mention', 'invisible', 'ellipsis'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  enforceHtmlBoundary: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...pick(attribs, ['href', 'class']), rel: LINK_REL, target: '_blank' },
    }),
  },
};

/**
 * A custom emoji as the Mastodon normalizer writes it: a local media proxy path, `class="emoji"`, `alt=":code:"`.
 * Any other image (an outside URL, a tracking pixel, an upload path) is dropped.
 */
const EMOJI_SRC = /^\/media\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/;
const EMOJI_ALT = /^:[a-zA-Z0-9_]{2,}:$/;

const EMOJI_OPTIONS: sanitizeHtml.IOptions = {
  ...OPTIONS,
  allowedTags: [...(OPTIONS.allowedTags || []), 'img'],
  allowedAttributes: { ...OPTIONS.allowedAttributes, img: ['src', 'alt', 'class'] },
  allowedClasses: { ...OPTIONS.allowedClasses, img: ['emoji'] },
  // Sees the attributes left after the allow-lists above; an image that is not an emoji goes.
  exclusiveFilter: (frame) =>
    frame.tag === 'img' &&
    !(
      frame.attribs.class === 'emoji' &&
      EMOJI_SRC.test(frame.attribs.src ?? '') &&
      EMOJI_ALT.test(frame.attribs.alt ?? '')
    ),
};

export interface SourceHtmlOptions {
  /** Keep custom emoji images (Mastodon): only local `/media/` paths with `class="emoji"` and a `:code:` alt. */
  emojiImages?: boolean;
}

/** Source HTML reduced to the allow-list: safe for `innerHTML`. */
export function sanitizeSourceHtml(html: string, options: SourceHtmlOptions = {}): string {
  return sanitizeHtml(html, options.emojiImages ? EMOJI_OPTIONS : OPTIONS).trim();
}

function pick(attribs: sanitizeHtml.Attributes, names: string[]): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = {};
  for (const name of names) {
    const value = attribs[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
