/**
 * The queue's search: the text folded as the blocklist folds it (pipeline/text/fold.ts: case, accents, ligatures,
 * invisible characters), so that « elan » finds « Élan ». SQLite calls that very function; PostgreSQL cannot
 * call JavaScript, so it folds with its own functions, to the same result for every letter of a Latin script.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { foldForMatch } from '../pipeline/text/fold.js';
import type { Engine } from './engine/open.js';

/** A condition true where `haystack`, folded, contains `needle`, which the caller has folded already. */
export type FoldedContains = (haystack: Expression<string>, needle: string) => RawBuilder<SqlBool>;

export function foldedContains(engine: Engine): FoldedContains {
  if (engine.sqlite) {
    engine.sqlite.function('fold', { deterministic: true }, (text: unknown) => foldForMatch(String(text ?? '')));
    return (haystack, needle) => sql<SqlBool>`instr(fold(${haystack}), ${needle}) > 0`;
  }
  let marks: string | null = null;
  return (haystack, needle) => {
    marks ??= removedCharacters();
    return sql<SqlBool>`strpos(${postgresFold(haystack, marks)}, ${needle}) > 0`;
  };
}

/**
 * foldForMatch in PostgreSQL's words: decomposed (NFKD, which also unifies compatibility forms), combining marks
 * and invisible format characters removed, lower case, the ligatures NFKD keeps spelt out. Lower case comes after
 * the accents go, so that a database whose collation lowers ASCII only still finds « Élan ».
 */
function postgresFold(text: Expression<string>, marks: string): RawBuilder<string> {
  const bare = sql<string>`lower(regexp_replace(normalize(${text}, NFKD), ${marks}, '', 'g'))`;
  return sql<string>`replace(replace(replace(translate(${bare}, 'øłđı', 'olid'), 'œ', 'oe'), 'æ', 'ae'), 'ß', 'ss')`;
}

/**
 * A bracket expression of every character foldForMatch removes (`\p{M}` and `\p{Cf}`), as ranges, read from
 * JavaScript's own tables once. Planes 3 to 13 have none.
 */
function removedCharacters(): string {
  const removed = /[\p{M}\p{Cf}]/u;
  const ranges: string[] = [];
  for (const [from, to] of [
    [0, 0x2ffff],
    [0xe0000, 0xeffff],
  ] as const) {
    let start = -1;
    for (let code = from; code <= to + 1; code++) {
      const inside = code <= to && (code < 0xd800 || code > 0xdfff) && removed.test(String.fromCodePoint(code));
      if (inside && start < 0) start = code;
      if (inside || start < 0) continue;
      const first = String.fromCodePoint(start);
      ranges.push(start === code - 1 ? first : `${first}-${String.fromCodePoint(code - 1)}`);
      start = -1;
    }
  }
  return `[${ranges.join('')}]`;
}
