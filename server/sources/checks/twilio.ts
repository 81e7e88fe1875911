/**
 * Twilio: fetching the account (`GET /2010-04-01/Accounts/{AccountSid}.json` with HTTP Basic SID:token) proves the
 * auth token, the one that also signs every webhook. The answer holds the auth token itself: only the name, status
 * and type are read from it. The webhook URL to paste into the number's "A message comes in" setting is a fact.
 */
import type { SourceConfig } from '../../config/sources.js';
import type { SourceTestResult } from '../../protocol/admin.js';
import type { CheckDeps } from './common.js';
import { errorWords, fact, failed, getJson, joinUrl, passed, text, webhookUrl } from './common.js';
import type { Fact, JsonAnswer, Words } from './common.js';
import { formatPhoneNumber } from '../../config/phone-number.js';

type TwilioConfig = Extract<SourceConfig, { kind: 'twilio' }>;

const UNKNOWN: Words = { en: 'unknown', fr: 'inconnu' };

export async function checkTwilio(
  config: TwilioConfig,
  deps: CheckDeps,
  signal: AbortSignal,
): Promise<SourceTestResult> {
  const pasteThese = [
    fact(
      'Webhook URL (Twilio console › Phone Numbers › your number › Messaging › “A message comes in”, HTTP POST)',
      'URL du webhook (console Twilio › Phone Numbers › votre numéro › Messaging › «\u00a0A message comes in\u00a0», HTTP POST)',
      webhookUrl(config.publicUrl ?? deps.publicUrl, deps.event, 'sms/twilio'),
    ),
    fact('Number shown on the wall', 'Numéro affiché sur le mur', formatPhoneNumber(config.phoneNumber)),
  ];
  const url = joinUrl(config.apiBase, `/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}.json`);
  const basic = Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64');
  let answer: JsonAnswer;
  try {
    answer = await getJson(url, { authorization: `Basic ${basic}` }, signal);
  } catch (error) {
    return failed(
      { en: `Cannot reach Twilio at ${url.host}.`, fr: `Impossible de joindre Twilio à ${url.host}.` },
      errorWords(error, signal),
      pasteThese,
    );
  }
  return answer.status === 200 ? account(config, answer, pasteThese) : refused(answer, pasteThese);
}

/** Twilio's errors: `{ code, message, more_info, status }`, with `detail` on authentication errors. */
function refused(answer: JsonAnswer, facts: Fact[]): SourceTestResult {
  const words = [text(answer.data, 'message'), text(answer.data, 'detail')].filter(Boolean).join(': ');
  const code = text(answer.data, 'code');
  const detail = `HTTP ${answer.status}${code ? `, error ${code}` : ''}${words ? `: ${words}` : ''}`;
  const summary =
    answer.status === 401
      ? {
          en: 'Twilio refused the Account SID or auth token: copy both again from the console’s home page.',
          fr: 'Twilio refuse l’Account SID ou l’auth token\u00a0: recopiez-les depuis l’accueil de la console.',
        }
      : {
          en: `Twilio answered with an error (HTTP ${answer.status}).`,
          fr: `Twilio répond par une erreur (HTTP ${answer.status}).`,
        };
  return failed(summary, detail, facts);
}

/** The account's name, status and type; its `auth_token` field is never read. */
function account(config: TwilioConfig, answer: JsonAnswer, pasteThese: Fact[]): SourceTestResult {
  // Twilio's own words (`active`, `suspended`, `closed`; `Trial`, `Full`) are shown as it gives them.
  const said = text(answer.data, 'status');
  const status = said ?? UNKNOWN.en;
  const facts = [
    fact('Account', 'Compte', text(answer.data, 'friendly_name', 64) ?? config.accountSid),
    fact('Account status', 'État du compte', said ?? UNKNOWN),
    fact('Account type', 'Type de compte', text(answer.data, 'type') ?? UNKNOWN),
    ...pasteThese,
  ];
  if (status !== 'active') {
    return failed(
      {
        en: `Twilio accepted the credentials, but the account is ${status}.`,
        fr: `Twilio accepte les identifiants, mais le compte est «\u00a0${said ?? UNKNOWN.fr}\u00a0».`,
      },
      `account status: ${status}`,
      facts,
    );
  }
  return passed(
    {
      en: 'Twilio accepted the credentials. Paste the webhook URL below into the number’s settings.',
      fr: 'Twilio accepte les identifiants. Collez l’URL du webhook ci-dessous dans les réglages du numéro.',
    },
    facts,
  );
}
