/**
 * Bluesky needs no account: the check opens the Jetstream websocket the way the source does (closing it as soon as
 * it is open), and asks the AppView for one well-known profile, the call the source makes for every new author.
 */
import type { SourceConfig } from '../../config/sources.js';
import type { SourceTestResult } from '../../protocol/admin.js';
import { describeEnd, runWebSocket, type WebSocketEnd } from '../websocket.js';
import { abortedWords, errorValue, errorWords, fact, failed, getJson, joinUrl, passed, text } from './common.js';
import type { Fact, Words } from './common.js';

type BlueskyConfig = Extract<SourceConfig, { kind: 'bluesky' }>;

const POST_COLLECTION = 'app.bsky.feed.post';
/** Bluesky's own account, which every AppView knows. */
const KNOWN_ACTOR = 'bsky.app';

interface Part {
  ok: boolean;
  fact: Fact;
  error?: string;
}

export async function checkBluesky(config: BlueskyConfig, signal: AbortSignal): Promise<SourceTestResult> {
  const [jetstream, appview] = await Promise.all([checkJetstream(config, signal), checkAppView(config, signal)]);
  const facts = [jetstream.fact, appview.fact];
  if (jetstream.ok && appview.ok) {
    return passed(
      {
        en: 'Jetstream and the AppView both answer.',
        fr: 'Jetstream et l’AppView répondent tous les deux.',
      },
      facts,
    );
  }
  const broken = [jetstream.ok ? undefined : 'Jetstream', appview.ok ? undefined : 'AppView'].filter(Boolean);
  return failed(
    {
      en: `${broken.join(' and ')} ${broken.length > 1 ? 'do' : 'does'} not answer.`,
      fr: `${broken.join(' et ')} ne ${broken.length > 1 ? 'répondent' : 'répond'} pas.`,
    },
    [jetstream.error, appview.error].filter(Boolean).join('\n'),
    facts,
  );
}

async function checkJetstream(config: BlueskyConfig, signal: AbortSignal): Promise<Part> {
  const url = new URL(config.jetstreamUrl);
  url.searchParams.set('wantedCollections', POST_COLLECTION);
  const opened = new AbortController();
  const stop = () => opened.abort();
  signal.addEventListener('abort', stop, { once: true });
  try {
    const end = await runWebSocket({ url: url.toString(), signal: opened.signal, onOpen: stop, onMessage: stop });
    if (end.opened) {
      const connected = { en: `connected to ${url.host}`, fr: `connecté à ${url.host}` };
      return { ok: true, fact: fact('Jetstream', 'Jetstream', connected) };
    }
    const why = endValue(end, signal);
    const error = `Jetstream (${url.host}): ${typeof why === 'string' ? why : why.en}`;
    return { ok: false, fact: fact('Jetstream', 'Jetstream', why), error };
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** How the socket ended, in both languages; a socket error stays in Node's words. */
function endValue(end: WebSocketEnd, signal: AbortSignal): string | Words {
  switch (end.reason) {
    case 'aborted':
      return abortedWords(signal) ?? { en: describeEnd(end), fr: 'arrêté' };
    case 'closed': {
      const how = `${end.code}${end.message ? ` ${end.message}` : ''}`;
      return { en: describeEnd(end), fr: `connexion fermée (${how})` };
    }
    case 'silent':
      return { en: describeEnd(end), fr: 'aucune donnée depuis trop longtemps\u00a0: connexion présumée morte' };
    case 'refused':
      return { en: describeEnd(end), fr: `refusée avec HTTP ${end.status}` };
    case 'error':
      return describeEnd(end);
  }
}

async function checkAppView(config: BlueskyConfig, signal: AbortSignal): Promise<Part> {
  const url = joinUrl(config.appviewUrl, '/xrpc/app.bsky.actor.getProfiles');
  url.searchParams.set('actors', KNOWN_ACTOR);
  const label = (value: string | Words) => fact('AppView', 'AppView', value);
  try {
    const answer = await getJson(url, {}, signal);
    if (answer.status === 200 && Array.isArray((answer.data as { profiles?: unknown } | undefined)?.profiles)) {
      return { ok: true, fact: label({ en: `${url.host} answers`, fr: `${url.host} répond` }) };
    }
    // XRPC errors are `{ error, message }`.
    const words = [text(answer.data, 'error'), text(answer.data, 'message')].filter(Boolean).join(': ');
    const why = `HTTP ${answer.status}${words ? ` (${words})` : ''}`;
    return { ok: false, fact: label(why), error: `AppView (${url.host}): ${why}` };
  } catch (error) {
    return {
      ok: false,
      fact: label(errorValue(error, signal)),
      error: `AppView (${url.host}): ${errorWords(error, signal)}`,
    };
  }
}
