import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../../server/config/schema.js';
import { sourceSchema } from '../../../server/config/sources.js';
import { fieldErrors, TRANSLATED_MESSAGES } from '../../../server/config/field-errors.js';

const schemaFiles = ['schema.ts', 'sources.ts'].map((name) =>
  readFileSync(new URL(`../../../server/config/${name}`, import.meta.url), 'utf8'),
);

describe('field errors for the console', () => {
  it('has French words for every message the schemas write themselves', () => {
    // The messages are the string literals given as a check's message, error or refinement text.
    const written = new Set<string>();
    for (const source of schemaFiles) {
      for (const match of source.matchAll(/(?:message: |error: |, )'((?:must|list|needs|kind must)[^']*)'/g)) {
        written.add(match[1]!);
      }
    }
    expect(written.size).toBeGreaterThan(15);
    expect([...written].filter((message) => !TRANSLATED_MESSAGES.includes(message))).toEqual([]);
  });

  it('names each field by its dotted path, once, in both languages', () => {
    const parsed = eventSchema.safeParse(
      { slug: 'Bad Slug', title: 'T', wall: { theme: { accent: 'red', fontScale: 9 } }, sources: [] },
      { reportInput: true },
    );
    expect(parsed.success).toBe(false);
    const fields = fieldErrors(parsed.error!);
    expect(fields.map((f) => f.field)).toEqual(['slug', 'wall.theme.accent', 'wall.theme.fontScale']);
    expect(fields[1]!.message).toEqual({
      en: 'must be a hex colour such as #1d4ed8',
      fr: 'doit être une couleur hexadécimale, par exemple #1d4ed8',
    });
    // zod's own problems are said in words of ours (issue-words.ts), with the limit known.
    expect(fields[2]!.message.fr).toMatch(/3/);
    expect(fields[2]!.message.fr).not.toBe(fields[2]!.message.en);
  });

  it('words a missing secret for a form rather than for the file', () => {
    const parsed = sourceSchema.safeParse({ kind: 'x', bearerToken: '' }, { reportInput: true });
    expect(fieldErrors(parsed.error!)).toEqual([
      { field: 'bearerToken', message: { en: 'is required', fr: 'est obligatoire' } },
    ]);
  });
});
