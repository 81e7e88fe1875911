/** HTML (Mastodon content, email bodies) turned into plain text for fitting, search and the blocklist. */
import { compile } from 'html-to-text';

// Compiled once: compiling the selector tree is most of the cost of a conversion.
const convert = compile({
  wordwrap: false,
  selectors: [
    // Link text only: Mastodon already shows the URL as text, and a "[url]" suffix would duplicate it.
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

/** Plain text of `html`: paragraphs separated by a blank line, `<br>` as a newline, no wrapping. */
export function htmlToPlainText(html: string): string {
  return convert(html).trim();
}
