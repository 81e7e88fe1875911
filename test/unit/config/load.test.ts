import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'murmure-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('lists every bad field in one error', () => {
    const file = write('murmure.config.json', {
      events: [{ slug: 'Town Hall!', title: 'Town hall', moderation: { mode: 'later' } }],
    });
    const problems = problemsOf(() => loadConfig(file, {}, {}));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^events\[0\]\.slug: must be lowercase letters, digits and dashes/);
    expect(problems[1]).toMatch(/^events\[0\]\.moderation\.mode: /);
    expect(() => loadConfig(file, {}, {})).toThrow(/\(2 problems\):\n {2}- events\[0\]\.slug/);
  });

  it('names unknown keys, duplicate slugs and bad source settings', () => {
    const file = write('murmure.config.json', {
      events: [
        { slug: 'a', title: 'A', titel: 'typo' },
        { slug: 'a', title: 'A again', sources: [{ kind: 'mastodon', instances: [{ url: 'ftp://x' }] }] },
        { slug: 'b', title: 'B', sources: [{ kind: 'fax' }] },
      ],
    });
    const problems = problemsOf(() => loadConfig(file, {}, {}));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^events\[0\]: Unrecognized key: "titel"/),
        expect.stringMatching(
          /^events\[1\]\.sources\[0\]\.instances\[0\]\.url: must be an http:\/\/ or https:\/\/ URL/,
        ),
        expect.stringMatching(/^events\[2\]\.sources\[0\]\.kind: kind must be one of x, mastodon/),
        'events[1].slug: "a" is used twice',
      ]),
    );
  });

  it('reads secrets from ${ENV} references and says which variable is missing', () => {
    const file = write('murmure.config.json', {
      events: [
        {
          slug: 'a',
          title: 'A',
          sources: [
            { kind: 'x', bearerToken: '${X_TOKEN}' },
            { kind: 'sms-gateway', phoneNumber: '+33 6 39 98 00 00', secret: '${GATEWAY_SECRET}' },
          ],
        },
      ],
    });
    const { config } = loadConfig(file, {}, { X_TOKEN: 'AAAA-token', GATEWAY_SECRET: 's3cret' });
    expect(config.events[0]!.sources[0]).toMatchObject({
      kind: 'x',
      bearerToken: 'AAAA-token',
      apiBase: 'https://api.x.com',
    });
    const problems = problemsOf(() => loadConfig(file, {}, { X_TOKEN: 'AAAA-token' }));
    expect(problems).toContain('events[0].sources[1].secret: environment variable GATEWAY_SECRET is not set');
  });

  it('keeps each event as the file writes it, environment values filled in and no default added', () => {
    const file = write('murmure.config.json', {
      events: [{ slug: 'ev', title: 'Ev', sources: [{ kind: 'x', bearerToken: '${X_TOKEN}' }] }],
    });
    const { declarations } = loadConfig(file, {}, { X_TOKEN: 'secret-token' });
    expect(JSON.parse(declarations.ev!)).toEqual({
      slug: 'ev',
      title: 'Ev',
      sources: [{ kind: 'x', bearerToken: 'secret-token' }],
    });
  });

  it('reads YAML and applies defaults', () => {
    const file = write(
      'murmure.config.yaml',
      `events:\n  - slug: festival\n    title: Festival\n    hashtags: ["#Fest2026", "Québec"]\n    moderation:\n      mode: post\n`,
    );
    const { config } = loadConfig(file, {}, {});
    const event = config.events[0]!;
    expect(config.port).toBe(8080);
    expect(event.hashtags).toEqual(['Fest2026', 'Québec']);
    expect(event.moderation).toMatchObject({ mode: 'post', defaultBlocklist: true });
    expect(event.wall).toMatchObject({ layout: 'mosaic', languages: ['fr', 'en'], theme: { mode: 'dark' } });
    expect(event.sources).toEqual([{ kind: 'web', enabled: true, maxLength: 500, perMinute: 5 }]);
  });

  it('lets flags and environment override the file', () => {
    const file = write('murmure.config.json', {
      port: 9000,
      dataDir: '/srv/murmure',
      events: [{ slug: 'a', title: 'A' }],
    });
    const { config } = loadConfig(file, { port: 8181, dataDir: '/tmp/elsewhere', demo: true }, {});
    expect(config.port).toBe(8181);
    expect(config.dataDir).toBe('/tmp/elsewhere');
    expect(config.events[0]!.sources.map((s) => s.kind)).toEqual(['web', 'demo']);
  });

  it('says so when the named file does not exist or is not valid JSON', () => {
    expect(problemsOf(() => loadConfig(join(dir, 'missing.json'), {}, {}))).toEqual(['file not found']);
    const broken = write('broken.json', '{ "events": [ ');
    expect(problemsOf(() => loadConfig(broken, {}, {}))[0]).toMatch(/^cannot be read: /);
  });
});
