/**
 * Sources only emit: nothing under server/sources/ imports the store or the rule book, fetches an image, or opens
 * HTTP connections of its own, except the pull sources' clients for the APIs they read (listed with why). What a
 * source needs comes through its context (source.ts), so these cannot come back unseen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SOURCES = join(ROOT, 'server/sources');

/** Files that may import node:http / node:https for more than types: the clients of the APIs sources pull from. */
const HTTP_CLIENTS: Record<string, string> = {
  'server/sources/mastodon/http.ts': "Mastodon's REST and streaming API, with the addresses it connects to pinned",
  'server/sources/x/client.ts': "X's API, through keep-alive agents",
  'server/sources/bluesky/appview.ts': "Bluesky's AppView, for the posts a Jetstream frame only names",
};

/** Files that may import types (never values) from the store. */
const STORE_TYPES: Record<string, string> = {};

interface Import {
  spec: string;
  typeOnly: boolean;
}

/** Every `import ... from '...'`, `export ... from '...'` and `import('...')` of a file. */
function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+'([^']+)'/gm)) {
    found.push({ spec: match[3]!, typeOnly: match[2] !== undefined });
  }
  for (const match of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) found.push({ spec: match[1]!, typeOnly: false });
  return found;
}

interface Allowed {
  httpClients: Record<string, string>;
  storeTypes: Record<string, string>;
}

/** What in `text` (the file at `file`, relative to the repository) crosses a boundary, one line per problem. */
function boundaryProblems(
  file: string,
  text: string,
  allowed: Allowed = { httpClients: HTTP_CLIENTS, storeTypes: STORE_TYPES },
): string[] {
  const problems: string[] = [];
  for (const { spec, typeOnly } of importsOf(text)) {
    const target = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)) : spec;
    if (target.startsWith('server/store/') && !(typeOnly && file in allowed.storeTypes)) {
      problems.push(`${file} imports the store (${spec})`);
    }
    if (target.startsWith('server/events/rule-book')) problems.push(`${file} imports the rule book (${spec})`);
    if (target.startsWith('server/media/fetch-image')) problems.push(`${file} fetches images itself (${spec})`);
    if (/^(node:)?https?$/.test(target) && !typeOnly && !(file in allowed.httpClients)) {
      problems.push(`${file} opens HTTP connections (${spec})`);
    }
  }
  // Code only: a comment may well speak of fetch().
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  if (/\bfetch\s*\(/.test(code)) problems.push(`${file} calls fetch()`);
  return problems;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

describe('the boundaries of server/sources', () => {
  it('are kept by every file', () => {
    const files = filesUnder(SOURCES);
    expect(files).toContain('server/sources/sms-twilio.ts');
    const problems = files.flatMap((file) => boundaryProblems(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  });

  it('list only files that exist and still need to be listed', () => {
    const nothingAllowed = { httpClients: {}, storeTypes: {} };
    for (const file of [...Object.keys(HTTP_CLIENTS), ...Object.keys(STORE_TYPES)]) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(boundaryProblems(file, text, nothingAllowed).length, file).toBeGreaterThan(0);
    }
  });

  it('are seen crossed, in every way of writing it', () => {
    const file = 'server/sources/sms-example.ts';
    const crossings = [
      "import type { Store } from '../store/index.js';",
      "import { createRuleBook } from '../events/rule-book.js';",
      "export { fetchImage } from '../media/fetch-image.js';",
      "import https from 'node:https';",
      "import { get } from 'http';",
      "const rules = await import('../store/rules.js');",
      'const answer = await fetch(url);',
      'const answer = await globalThis.fetch (url);',
    ];
    for (const line of crossings) expect(boundaryProblems(file, line), line).toHaveLength(1);
    const fine = [
      "import type { IncomingHttpHeaders } from 'node:http';",
      "import { fetchTwilioMedia } from './sms-twilio-media.js';",
      '// fetch(url) is what media/ does for us',
      'await ctx.saveImageFrom(url, api);',
      "import type { Thing } from './store/x.js';",
    ];
    for (const line of fine) expect(boundaryProblems(file, line), line).toEqual([]);
  });
});
