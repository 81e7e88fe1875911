/**
 * French sets a non-breaking space before `:` `;` `?` `!` and inside guillemets, so that a line never starts
 * with the sign alone (the console and the wall write `\u00a0`). Every text the server writes is checked here,
 * string by string, as TypeScript reads the sources: English has no space before those signs either.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FOLDERS = ['server', 'wall', 'moderation'];
/**
 * A plain space where French wants a non-breaking one: after a word and before a sign that ends a clause (not
 * `?` as a key name or in `?secret=`), or inside guillemets.
 */
const BREAKABLE = /(?<=^|[\p{L}\p{N})»]) [:;?!»](?=$|[\s.,)])|« /u;
/** SQL (`?` placeholders), and the demo's sample posts, written as the audience writes. */
const SQL = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b|\b(WHERE|AND|LIMIT)\b.*\?/;
const EXEMPT_FILES = new Set(['server/demo/samples.ts']);

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(ROOT, folder, file));
}

/** The literal text of every string and template part in a file, with its line. */
function texts(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('French typography in what the server and the screens write', () => {
  it('has no breakable space before a colon, semicolon, question or exclamation mark, or inside guillemets', () => {
    const offenders = FOLDERS.flatMap(sources)
      .filter((file) => !EXEMPT_FILES.has(relative(ROOT, file)))
      .flatMap((file) =>
        texts(file)
          .filter(({ text }) => BREAKABLE.test(text) && !SQL.test(text))
          .map(({ line, text }) => `${relative(ROOT, file)}:${line}: ${text}`),
      );
    expect(offenders).toEqual([]);
  });
});
