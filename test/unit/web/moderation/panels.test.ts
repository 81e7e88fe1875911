import { describe, expect, it } from 'vitest';
import type { SourceHealth } from '../../../../server/protocol/moderation.js';
import { isValidAccountName } from '../../../../moderation/lib/accounts.js';
import { exportUrl, wallUrl, webViewUrl } from '../../../../moderation/lib/admin-api.js';
import { HISTORY_LIMIT, forget, remember } from '../../../../moderation/lib/history.js';
import { problemCount, toneOf, upsertHealth } from '../../../../moderation/lib/sources.js';
import { dropToast, pushToast } from '../../../../moderation/lib/toasts.js';
import { isHexColour, remainingCharacters } from '../../../../moderation/lib/wall.js';

const health = (id: string, state: SourceHealth['state'], kind = 'x'): SourceHealth => ({
  id,
  event: 'demo',
  kind,
  identity: { kind: 'web' },
  state,
  itemsPerMinute: 0,
});

describe('source health', () => {
  it('gives each state a tone', () => {
    expect(toneOf('live')).toBe('ok');
    expect(toneOf('rate-limited')).toBe('warn');
    expect(toneOf('failing')).toBe('error');
    expect(toneOf('backfilling')).toBe('busy');
    expect(toneOf('stopped')).toBe('off');
  });

  it('counts the sources that need a look', () => {
    expect(problemCount([health('a', 'live'), health('b', 'failing'), health('c', 'rate-limited')])).toBe(2);
  });

  it('merges a live update in place, sorted by kind then id', () => {
    const list = [health('x-1', 'live'), health('m-1', 'live', 'mastodon')];
    const next = upsertHealth(list, { ...health('x-1', 'rate-limited'), until: 5 });
    expect(next.map((entry) => `${entry.id}:${entry.state}`)).toEqual(['m-1:live', 'x-1:rate-limited']);
    expect(upsertHealth(next, health('b-1', 'connecting', 'bluesky'))[0]?.id).toBe('b-1');
  });
});

describe('undo history', () => {
  it('keeps the latest action last, once per item, up to a limit', () => {
    expect(remember(remember(remember([], 1), 2), 1)).toEqual([2, 1]);
    expect(forget([1, 2, 3], 2)).toEqual([1, 3]);
    const long = Array.from({ length: HISTORY_LIMIT + 5 }, (_, index) => index).reduce<number[]>(
      (history, id) => remember(history, id),
      [],
    );
    expect(long).toHaveLength(HISTORY_LIMIT);
    expect(long.at(-1)).toBe(HISTORY_LIMIT + 4);
  });
});

describe('toasts', () => {
  it('keeps the latest few', () => {
    const list = [1, 2, 3].reduce(
      (toasts, id) => pushToast(toasts, { id, tone: 'info', text: `${id}` }, 2),
      [] as ReturnType<typeof pushToast>,
    );
    expect(list.map((toast) => toast.id)).toEqual([2, 3]);
    expect(dropToast(list, 2).map((toast) => toast.id)).toEqual([3]);
  });

  it('replaces the previous confirmation of an own action, and stacks the rest', () => {
    let list = pushToast([], { id: 1, tone: 'info', text: 'Approved by Léa' });
    list = pushToast(list, { id: 2, tone: 'done', text: 'Approved', undoId: 7 });
    list = pushToast(list, { id: 3, tone: 'done', text: 'Rejected', undoId: 8 });
    list = pushToast(list, { id: 4, tone: 'error', text: 'Conflict' });
    expect(list.map((toast) => toast.id)).toEqual([1, 3, 4]);
  });
});

describe('wall controls', () => {
  it('counts the announcement as the server does (trimmed, UTF-16 units)', () => {
    expect(remainingCharacters('')).toBe(280);
    expect(remainingCharacters('  hello  ')).toBe(275);
    expect(remainingCharacters('x'.repeat(281))).toBe(-1);
    expect(remainingCharacters('👋')).toBe(278);
  });

  it('checks accent colours', () => {
    expect(isHexColour('#38bdf8')).toBe(true);
    expect(isHexColour('#FFF')).toBe(true);
    expect(isHexColour('red')).toBe(false);
    expect(isHexColour('#12345')).toBe(false);
  });

  it('builds the links', () => {
    expect(wallUrl('town hall')).toBe('/w/town%20hall');
    expect(webViewUrl('demo')).toBe('/e/demo');
    expect(exportUrl('demo', 'csv')).toBe('/api/events/demo/export?format=csv');
  });
});

describe('account names', () => {
  it('follows the server rule', () => {
    expect(isValidAccountName('Léa Martin')).toBe(true);
    expect(isValidAccountName('j')).toBe(false);
    expect(isValidAccountName('a'.repeat(41))).toBe(false);
    expect(isValidAccountName('léa<script>')).toBe(false);
  });
});
