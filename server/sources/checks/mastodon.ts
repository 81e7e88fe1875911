/**
 * Mastodon: every instance in turn (all at once, each within the same deadline). `/api/v2/instance` says the
 * instance is there and what it runs; with a token, `verify_credentials` says whether the instance accepts it
 * (a refused token makes the source poll without streaming, which is worth fixing before the day).
 */
import type { SourceConfig } from '../../config/sources.js';
import type { SourceTestResult } from '../../protocol/admin.js';
import { errorValue, errorWords, fact, failed, getJson, joinUrl, passed, text } from './common.js';
import type { Fact, Words } from './common.js';

type MastodonConfig = Extract<SourceConfig, { kind: 'mastodon' }>;
type Instance = MastodonConfig['instances'][number];

/** Without a token the source cannot stream: it reads the hashtag timeline every so often. */
const NO_TOKEN: Words = {
  en: 'the hashtag timeline is polled',
  fr: 'le fil du hashtag est consulté à intervalles réguliers',
};

interface InstanceReport {
  host: string;
  ok: boolean;
  /** What the instance runs, whether it took the token, or what went wrong. */
  facts: Fact[];
  /** The exact error, for `detail`. */
  error?: string;
}

export async function checkMastodon(config: MastodonConfig, signal: AbortSignal): Promise<SourceTestResult> {
  const reports = await Promise.all(config.instances.map((instance) => checkInstance(instance, signal)));
  const facts = reports.flatMap((report) => report.facts);
  const bad = reports.filter((report) => !report.ok);
  if (bad.length === 0) {
    const n = reports.length;
    return passed(
      {
        en: n === 1 ? 'The instance answers.' : `All ${n} instances answer.`,
        fr: n === 1 ? 'L’instance répond.' : `Les ${n} instances répondent.`,
      },
      facts,
    );
  }
  const hosts = bad.map((report) => report.host).join(', ');
  return failed(
    {
      en: `${bad.length === 1 ? 'One instance fails' : `${bad.length} instances fail`}: ${hosts}.`,
      fr: `${bad.length === 1 ? 'Une instance échoue' : `${bad.length} instances échouent`}\u00a0: ${hosts}.`,
    },
    bad.map((report) => `${report.host}: ${report.error}`).join('\n'),
    facts,
  );
}

async function checkInstance(instance: Instance, signal: AbortSignal): Promise<InstanceReport> {
  const host = new URL(instance.url).host;
  const about: About = (en, fr, value) => fact(`${host}: ${en}`, `${host}\u00a0: ${fr}`, value);
  const failure = (facts: Fact[], error: string): InstanceReport => ({ host, ok: false, facts, error });
  try {
    const info = await getJson(joinUrl(instance.url, '/api/v2/instance'), {}, signal);
    if (info.status !== 200) {
      const error = `/api/v2/instance: HTTP ${info.status}${said(info.data)}`;
      return failure(
        [about('not a Mastodon instance, or down', 'pas une instance Mastodon, ou en panne', error)],
        error,
      );
    }
    const facts = describeInstance(info.data, about);
    if (instance.token === undefined) {
      facts.push(about('no token', 'pas de jeton', NO_TOKEN));
      return { host, ok: true, facts };
    }
    const me = await getJson(
      joinUrl(instance.url, '/api/v1/accounts/verify_credentials'),
      { authorization: `Bearer ${instance.token}` },
      signal,
    );
    // 403: a valid token without the read:accounts scope; the stream needs only read:statuses.
    if (me.status === 200 || me.status === 403) {
      const who = me.status === 200 ? `@${text(me.data, 'acct') ?? '?'}` : (text(me.data, 'error') ?? 'HTTP 403');
      facts.push(about('token accepted', 'jeton accepté', who));
      return { host, ok: true, facts };
    }
    const error = `token refused: HTTP ${me.status}${said(me.data)}`;
    facts.push(about('token refused', 'jeton refusé', `HTTP ${me.status}${said(me.data)}`));
    return failure(facts, error);
  } catch (error) {
    return failure([about('unreachable', 'injoignable', errorValue(error, signal))], errorWords(error, signal));
  }
}

type About = (en: string, fr: string, value: string | Words) => Fact;

/** Version, title and streaming URL from the v2 instance entity. */
function describeInstance(data: unknown, about: About): Fact[] {
  const urls = (data as { configuration?: { urls?: unknown } } | undefined)?.configuration?.urls;
  const found = [
    ['version', 'version', text(data, 'version')],
    ['name', 'nom', text(data, 'title')],
    ['streaming API', 'API de streaming', text(urls, 'streaming')],
  ] as const;
  return found.flatMap(([en, fr, value]) => (value === undefined ? [] : [about(en, fr, value)]));
}

/** Mastodon's `{"error": "…"}` words. */
function said(data: unknown): string {
  const error = text(data, 'error', 200);
  return error ? `: ${error}` : '';
}
