/**
 * Plain text split into runs of words, hashtags and mentions, for the one-line ticker where the item's HTML (with
 * its paragraphs and line breaks) does not fit. Links are shortened as on the cards.
 */
import { shortenUrl } from './clamp.js';

export type TokenKind = 'text' | 'hashtag' | 'mention' | 'link';

export interface Token {
  kind: TokenKind;
  value: string;
}

const PATTERN = /(https?:\/\/\S+)|(#[\p{L}\p{N}_]+)|(@[\p{L}\p{N}_.]+(?:@[\p{L}\p{N}.-]+)?)/gu;

/** `text` on one line (whitespace collapsed) as a list of runs; adjacent text is kept in one run. */
export function tokenize(text: string): Token[] {
  const line = text.replace(/\s+/g, ' ').trim();
  const tokens: Token[] = [];
  let cursor = 0;
  for (const match of line.matchAll(PATTERN)) {
    push(tokens, 'text', line.slice(cursor, match.index));
    const [whole, link, tag] = match;
    if (link !== undefined) push(tokens, 'link', shortenUrl(link));
    else push(tokens, tag !== undefined ? 'hashtag' : 'mention', whole);
    cursor = match.index + whole.length;
  }
  push(tokens, 'text', line.slice(cursor));
  return tokens;
}

/** Keeps the runs up to `max` characters in all; the run where the budget ends is cut at a word boundary. */
export function clampTokens(
  tokens: readonly Token[],
  max: number,
  cut: (text: string, max: number) => string,
): Token[] {
  const kept: Token[] = [];
  let left = max;
  for (const token of tokens) {
    if (left <= 0) break;
    if (token.value.length <= left) {
      kept.push(token);
      left -= token.value.length;
    } else {
      // A hashtag or link that does not fit is dropped whole rather than cut.
      if (token.kind === 'text') kept.push({ kind: 'text', value: cut(token.value, left) });
      else kept.push({ kind: 'text', value: '…' });
      break;
    }
  }
  return kept;
}

function push(tokens: Token[], kind: TokenKind, value: string): void {
  if (value === '') return;
  const last = tokens.at(-1);
  if (kind === 'text' && last?.kind === 'text') last.value += value;
  else tokens.push({ kind, value });
}
