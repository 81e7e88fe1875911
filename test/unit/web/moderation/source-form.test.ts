import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../../../server/config/sources.js';
import type { AdminSource, SourceKindName } from '../../../../server/protocol/admin.js';
import { fieldText, sourceKindMessages } from '../../../../moderation/lib/i18n-source-kinds.js';
import { KIND_SPECS, kindSpec } from '../../../../moderation/lib/source-fields.js';
import {
  generateSecret,
  newSourceValues,
  sourceInput,
  sourceSummary,
  splitList,
  valuesFromSource,
} from '../../../../moderation/lib/source-form.js';

/** What an organiser types in each kind's required fields. */
const REQUIRED: Partial<Record<SourceKindName, Record<string, string>>> = {
  x: { bearerToken: 'AAAA%2Fbearer' },
  twilio: { phoneNumber: '+33 6 12 34 56 78', accountSid: `AC${'a'.repeat(32)}`, authToken: 'tok' },
  'sms-gateway': { phoneNumber: '+33 6 12 34 56 78', secret: 'shh' },
  'email-imap': { address: 'wall@example.org', host: 'imap.example.org', user: 'wall', password: 'pw' },
  'email-smtp': { addresses: 'wall@example.org, other@example.org' },
};

function filled(kind: SourceKindName) {
  const values = newSourceValues(kind);
  Object.assign(values.fields, REQUIRED[kind] ?? {});
  if (kind === 'mastodon') values.instances[0]!.url = 'https://mastodon.social';
  return values;
}

const saved = (kind: SourceKindName, settings: Record<string, unknown>, secretsSet: string[] = []): AdminSource => ({
  id: 7,
  kind,
  enabled: true,
  settings,
  secretsSet,
  origin: 'console',
  endpoints: [],
});

describe('source field descriptions', () => {
  it('pre-fill exactly the configuration schema defaults, for every kind', () => {
    for (const { kind } of KIND_SPECS) {
      const body = sourceInput(filled(kind));
      const parsed = sourceSchema.safeParse(body);
      expect(parsed.success, `${kind}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      // The pre-filled values change nothing: the body parses as the required fields alone do.
      const bare = { kind, ...requiredOnly(kind, body) };
      expect(sourceSchema.parse(bare), kind).toEqual(parsed.data);
    }
  });

  it('name only settings the schema has', () => {
    for (const spec of KIND_SPECS) {
      const withAll = sourceInput(filled(spec.kind));
      for (const field of spec.fields) {
        if (field.type === 'secret') continue;
        const probe = structuredClone(withAll) as Record<string, unknown>;
        // A wrong type at a known path is refused at that path; an unknown path would be refused as unknown.
        setAt(probe, field.path, { wrong: true });
        const issues = sourceSchema.safeParse(probe).error?.issues ?? [];
        expect(
          issues.map((issue) => issue.path.join('.')),
          `${spec.kind}.${field.path}`,
        ).toContain(field.path);
      }
    }
  });

  it('has a label for every field and words for every kind, in both languages', () => {
    for (const kinds of Object.values(sourceKindMessages)) {
      for (const spec of KIND_SPECS) {
        const text = kinds[spec.kind];
        expect(text.name && text.summary && text.needs, spec.kind).toBeTruthy();
        for (const field of spec.fields) expect(text.fields[field.path]?.label, field.path).toBeTruthy();
        for (const option of spec.fields.flatMap((field) => field.options ?? [])) {
          expect(text.options?.[option], option).toBeTruthy();
        }
      }
      expect(kinds.mastodon.fields['instances.url']?.label).toBeTruthy();
      expect(kinds.mastodon.fields['instances.token']?.help).toContain('read');
    }
    expect(fieldText(sourceKindMessages.en, 'x', 'nothing')).toEqual({ label: 'nothing' });
    expect(sourceKindMessages.en.x.fields.bearerToken?.help).toMatch(/developer portal.*Keys and tokens.*Bearer/u);
  });
});

describe('source form values', () => {
  it('never pre-fills a secret, and leaves an empty one out so the saved one is kept', () => {
    const source = saved('x', { bearerToken: 'leaked?', mode: 'search', pollSeconds: 15 }, ['bearerToken']);
    const values = valuesFromSource(source);
    expect(values.fields.bearerToken).toBe('');
    expect(values.fields.mode).toBe('search');
    const body = sourceInput(values, source);
    expect(body).toMatchObject({ kind: 'x', enabled: true, mode: 'search', pollSeconds: 15 });
    expect(body).not.toHaveProperty('bearerToken', '');
    values.fields.bearerToken = 'new-token';
    expect(sourceInput(values, source).bearerToken).toBe('new-token');
  });

  it('keeps settings the form does not show, and drops an optional one emptied', () => {
    const source = saved('twilio', {
      phoneNumber: '+33 6 12 34 56 78',
      accountSid: `AC${'b'.repeat(32)}`,
      publicUrl: 'https://wall.example.org',
      reply: { fr: '', en: 'Thanks' },
      unknownLater: 1,
    });
    const values = valuesFromSource(source);
    expect(values.fields['reply.fr']).toBe('');
    values.fields.publicUrl = ' ';
    const body = sourceInput(values, source);
    expect(body).not.toHaveProperty('publicUrl');
    expect(body).toMatchObject({ unknownLater: 1, reply: { fr: '', en: 'Thanks' } });
  });

  it('sends numbers as numbers, and what does not parse as typed for the server to explain', () => {
    const values = filled('x');
    values.fields.pollSeconds = ' 45 ';
    expect(sourceInput(values).pollSeconds).toBe(45);
    values.fields.pollSeconds = 'often';
    expect(sourceSchema.safeParse(sourceInput(values)).error?.issues[0]?.path).toEqual(['pollSeconds']);
  });

  it('edits Mastodon instances, with a saved token kept while its row is left empty', () => {
    const source = saved(
      'mastodon',
      { instances: [{ url: 'https://a.example' }, { url: 'https://b.example', streamingUrl: 'wss://s.b.example' }] },
      ['instances.1.token'],
    );
    const values = valuesFromSource(source);
    expect(values.instances.map((row) => row.tokenSet)).toEqual([false, true]);
    values.instances[0]!.token = ' tok ';
    expect(sourceInput(values, source).instances).toEqual([
      { url: 'https://a.example', token: 'tok' },
      { url: 'https://b.example', streamingUrl: 'wss://s.b.example' },
    ]);
    expect(sourceSummary(source, sourceKindMessages.en)).toEqual([
      { label: 'Server address', value: 'https://a.example, https://b.example' },
    ]);
  });

  it('reads the SMTP addresses as a list and leaves TLS out when no file is named', () => {
    const body = sourceInput(filled('email-smtp'));
    expect(body.addresses).toEqual(['wall@example.org', 'other@example.org']);
    expect(body).not.toHaveProperty('tls');
    expect(splitList('a@x.org;\n b@x.org ,,')).toEqual(['a@x.org', 'b@x.org']);
  });

  it('generates a 32-character hexadecimal secret from the random source', () => {
    expect(generateSecret()).toMatch(/^[0-9a-f]{32}$/u);
    expect(generateSecret((bytes) => bytes.fill(171))).toBe('ab'.repeat(16));
    expect(generateSecret()).not.toBe(generateSecret());
  });

  it('has one description per kind the server knows', () => {
    const kinds = sourceSchema.options.map((option) => option.shape.kind.value).sort();
    expect(KIND_SPECS.map((spec) => spec.kind).sort()).toEqual(kinds);
    expect(() => kindSpec('nope' as SourceKindName)).toThrow(/nope/u);
  });
});

function requiredOnly(kind: SourceKindName, body: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(REQUIRED[kind] ?? {});
  const picked = Object.fromEntries(Object.entries(body).filter(([key]) => keys.includes(key)));
  return kind === 'mastodon' ? { ...picked, instances: body.instances } : picked;
}

function setAt(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let current = object;
  for (const key of keys) current = (current[key] ??= {}) as Record<string, unknown>;
  current[last] = value;
}
