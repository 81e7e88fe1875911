/**
 * The "Test" button of a source form: one real check against the service, per kind (credentials accepted,
 * instance reachable, mailbox opens), answered in plain words in both languages with the service's exact error.
 * A check never throws, ends within its deadline (8 s) or when `deps.signal` aborts, and never shows a secret:
 * each kind avoids echoing one, and the result is scrubbed of every secret of the settings before it leaves.
 */
import type { SourceConfig } from '../../config/sources.js';
import type { SourceTestResult } from '../../protocol/admin.js';
import { describeError } from '../retry.js';
import { checkBluesky } from './bluesky.js';
import { DEFAULT_TIMEOUT_MS, deadline, failed, withoutSecrets, type CheckDeps } from './common.js';
import { checkDemo } from './demo.js';
import { checkImap } from './email-imap.js';
import { checkSmtp } from './email-smtp.js';
import { checkMastodon } from './mastodon.js';
import { checkSmsGateway } from './sms-gateway.js';
import { checkTwilio } from './twilio.js';
import { checkWeb } from './web.js';
import { checkX } from './x.js';

export type { CheckDeps } from './common.js';

/** Runs the check for `config` (validated, with its real secrets). */
export async function checkSource(config: SourceConfig, deps: CheckDeps): Promise<SourceTestResult> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limit = deadline(deps.signal, timeoutMs);
  const started = Date.now();
  let result: SourceTestResult;
  try {
    result = await run(config, deps, limit.signal, timeoutMs);
  } catch (error) {
    // A bug of ours, not the service's answer: said as such, never as a crash of the admin request.
    deps.log.error({ kind: config.kind, err: describeError(error) }, 'source check failed unexpectedly');
    result = failed(
      {
        en: 'The check itself failed: see the server log.',
        fr: 'La vérification a échoué\u00a0: voir le journal du serveur.',
      },
      describeError(error),
    );
  } finally {
    limit.done();
  }
  result = withoutSecrets(result, secretsOf(config));
  const line = { event: deps.event, kind: config.kind, ok: result.ok, ms: Date.now() - started };
  if (result.ok) deps.log.info(line, 'source check passed');
  else deps.log.warn({ ...line, detail: result.detail }, 'source check failed');
  return result;
}

function run(config: SourceConfig, deps: CheckDeps, signal: AbortSignal, timeoutMs: number) {
  switch (config.kind) {
    case 'x':
      return checkX(config, signal);
    case 'mastodon':
      return checkMastodon(config, signal);
    case 'bluesky':
      return checkBluesky(config, signal);
    case 'twilio':
      return checkTwilio(config, deps, signal);
    case 'sms-gateway':
      return checkSmsGateway(config, deps);
    case 'email-smtp':
      return checkSmtp(config, deps, signal);
    case 'email-imap':
      return checkImap(config, signal, timeoutMs);
    case 'web':
      return checkWeb();
    case 'demo':
      return checkDemo();
  }
}

/** Every secret value the settings hold. */
function secretsOf(config: SourceConfig): string[] {
  switch (config.kind) {
    case 'x':
      return [config.bearerToken];
    case 'mastodon':
      return config.instances.flatMap((instance) => (instance.token === undefined ? [] : [instance.token]));
    case 'twilio':
      return [config.authToken];
    case 'sms-gateway':
      return [config.secret];
    case 'email-imap':
      return [config.password, config.accessToken].filter((value): value is string => value !== undefined);
    default:
      return [];
  }
}
