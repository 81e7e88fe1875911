/**
 * X: is the bearer token accepted, and what does its access tier allow? Listing the filtered-stream rules answers
 * both at once (200: stream available; 403 `client-not-enrolled`: no stream on this tier). Without the stream, one
 * recent search (10 posts at most, on a term nobody posts, to spare the app's monthly read cap) tells whether search
 * is available, which is what mode `auto` falls back to.
 */
import type { SourceConfig } from '../../config/sources.js';
import type { SourceTestResult } from '../../protocol/admin.js';
import { isNotEnrolled, type XFailure, type XProblem } from '../x/client.js';
import { errorWords, fact, failed, getJson, joinUrl, passed, text, utc } from './common.js';
import type { Fact, JsonAnswer, Words } from './common.js';

type XConfig = Extract<SourceConfig, { kind: 'x' }>;

/** Matches (almost) nothing: the check needs X's answer, not posts. */
const PROBE_QUERY = '"murmure connection check" -is:retweet';

type Probe = { answer: JsonAnswer } | { network: string };

/** What the token's access tier allows, as found. */
const TIER = {
  searchOnly: { en: 'recent search only (no filtered stream)', fr: 'recherche récente seulement (pas de flux filtré)' },
  both: { en: 'filtered stream + recent search', fr: 'flux filtré + recherche récente' },
  neither: { en: 'neither stream nor search', fr: 'ni flux ni recherche' },
} satisfies Record<string, Words>;

/** The mode names as the French form shows them. */
const MODE_FR: Record<XConfig['mode'], string> = { auto: 'automatique', stream: 'flux', search: 'recherche' };

export async function checkX(config: XConfig, signal: AbortSignal): Promise<SourceTestResult> {
  const get = async (path: string): Promise<Probe> => {
    try {
      return { answer: await getJson(joinUrl(config.apiBase, path), auth(config), signal) };
    } catch (error) {
      return { network: errorWords(error, signal) };
    }
  };
  const rules = await get('/2/tweets/search/stream/rules');
  if ('network' in rules) return unreachable(config, rules.network);
  if (rules.answer.status === 200) return streamAvailable(config, rules.answer);
  const failure = asFailure(rules.answer);
  if (!isNotEnrolled(failure)) return refused(rules.answer, failure);

  const search = await get(`/2/tweets/search/recent?${new URLSearchParams({ query: PROBE_QUERY, max_results: '10' })}`);
  if ('network' in search) return unreachable(config, search.network);
  if (search.answer.status !== 200) {
    const searchFailure = asFailure(search.answer);
    return isNotEnrolled(searchFailure) ? cannotRead(searchFailure) : refused(search.answer, searchFailure);
  }
  const tier = fact('Access tier', 'Niveau d’accès', TIER.searchOnly);
  if (config.mode === 'stream') {
    return failed(
      {
        en: 'X accepted the token, but this access tier has no filtered stream: set the mode to auto or search.',
        fr: 'X accepte le jeton, mais ce niveau d’accès n’inclut pas le flux filtré\u00a0: choisissez le mode auto ou recherche.',
      },
      problemWords(failure),
      [tier, modeFact(config, false)],
    );
  }
  return passed(
    {
      en: `X accepted the token: recent search only, every ${config.pollSeconds} s.`,
      fr: `X accepte le jeton\u00a0: recherche récente seulement, toutes les ${config.pollSeconds}\u00a0s.`,
    },
    [tier, modeFact(config, false)],
  );
}

function auth(config: XConfig): Record<string, string> {
  return { authorization: `Bearer ${config.bearerToken}` };
}

function streamAvailable(config: XConfig, answer: JsonAnswer): SourceTestResult {
  const meta = (answer.data as { meta?: unknown } | undefined)?.meta;
  const count = text(meta, 'result_count') ?? '0';
  return passed(
    {
      en: 'X accepted the token: the filtered stream is available.',
      fr: 'X accepte le jeton\u00a0: le flux filtré est disponible.',
    },
    [
      fact('Access tier', 'Niveau d’accès', TIER.both),
      modeFact(config, true),
      fact('Stream rules already on this app', 'Règles de flux déjà présentes sur cette app', count),
    ],
  );
}

function modeFact(config: XConfig, stream: boolean): Fact {
  const chosen = config.mode === 'auto' ? (stream ? 'stream' : 'search') : config.mode;
  const value =
    chosen === 'stream'
      ? { en: 'filtered stream, with a recent-search backfill', fr: 'flux filtré, complété par la recherche récente' }
      : {
          en: `recent search every ${config.pollSeconds} s`,
          fr: `recherche récente toutes les ${config.pollSeconds}\u00a0s`,
        };
  return fact(`Mode (${config.mode})`, `Mode (${MODE_FR[config.mode]})`, value);
}

function asFailure(answer: JsonAnswer): XFailure & { kind: 'http' } {
  const data = answer.data as Record<string, unknown> | undefined;
  // A v2 problem is either the body itself or its first `errors` entry.
  const first = Array.isArray(data?.errors) ? (data.errors[0] as unknown) : undefined;
  const source = text(data, 'title') === undefined && first !== undefined ? first : data;
  const problem: XProblem = {};
  for (const key of ['title', 'detail', 'type', 'reason'] as const) {
    const value = text(source, key) ?? text(data, key);
    if (value !== undefined) problem[key] = value;
  }
  const reset = Number(answer.headers['x-rate-limit-reset']);
  return {
    kind: 'http',
    status: answer.status,
    problem,
    ...(Number.isFinite(reset) && reset > 0 ? { resetAt: reset * 1000 } : {}),
  };
}

/** X's own words: `HTTP 401: Unauthorized`, `HTTP 403: Client Forbidden: When authenticating… (client-not-enrolled)`. */
function problemWords(failure: XFailure & { kind: 'http' }): string {
  const { title, detail, reason } = failure.problem;
  const words = [title, detail !== title ? detail : undefined].filter(Boolean).join(': ');
  return `HTTP ${failure.status}${words ? `: ${words}` : ''}${reason ? ` (${reason})` : ''}`;
}

function refused(answer: JsonAnswer, failure: XFailure & { kind: 'http' }): SourceTestResult {
  const detail = problemWords(failure);
  if (answer.status === 401) {
    return failed(
      {
        en: 'X refused the bearer token: copy it again from the developer portal (Keys and tokens).',
        fr: 'X refuse le jeton (bearer token)\u00a0: recopiez-le depuis le portail développeur (Keys and tokens).',
      },
      detail,
    );
  }
  if (answer.status === 429) {
    const until = failure.resetAt === undefined ? undefined : utc(failure.resetAt);
    const facts = until ? [fact('Rate limited until', 'Limité jusqu’à', until)] : [];
    return failed(
      {
        en: `X accepted the token but is rate limiting this app${until ? ` until ${until}` : ''}: test again later.`,
        fr: `X accepte le jeton mais limite les requêtes de cette app${until ? ` jusqu’à ${until}` : ''}\u00a0: réessayez plus tard.`,
      },
      detail,
      facts,
    );
  }
  return failed(
    { en: `X answered with an error (HTTP ${answer.status}).`, fr: `X répond par une erreur (HTTP ${answer.status}).` },
    detail,
  );
}

/** A tier that can post but not read what the source needs. */
function cannotRead(failure: XFailure & { kind: 'http' }): SourceTestResult {
  return failed(
    {
      en: 'X accepted the token, but its access tier includes neither the filtered stream nor recent search.',
      fr: 'X accepte le jeton, mais son niveau d’accès n’inclut ni le flux filtré ni la recherche récente.',
    },
    problemWords(failure),
    [fact('Access tier', 'Niveau d’accès', TIER.neither)],
  );
}

function unreachable(config: XConfig, why: string): SourceTestResult {
  const host = new URL(config.apiBase).host;
  return failed({ en: `Cannot reach X at ${host}.`, fr: `Impossible de joindre X à ${host}.` }, why);
}
