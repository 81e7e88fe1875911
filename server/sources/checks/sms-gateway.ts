/**
 * A generic SMS gateway posts to us: there is nothing remote to call. The check gives what to paste into the
 * gateway's settings, and a curl line to try it by hand, with a placeholder where the secret goes (the secret is
 * set in the form and never shown back).
 */
import type { SourceConfig } from '../../config/sources.js';
import type { SourceTestResult } from '../../protocol/admin.js';
import { fact, passed, webhookUrl, type CheckDeps } from './common.js';
import { formatPhoneNumber } from '../../config/phone-number.js';

type GatewayConfig = Extract<SourceConfig, { kind: 'sms-gateway' }>;

export const SECRET_HEADER = 'X-Murmure-Secret';

export function checkSmsGateway(config: GatewayConfig, deps: CheckDeps): SourceTestResult {
  const url = webhookUrl(deps.publicUrl, deps.event, 'sms/gateway');
  const sample = JSON.stringify({ id: 'test-1', from: '+33612345678', text: 'Hello from the gateway test' });
  const curl = [
    `curl -X POST '${url}'`,
    `-H '${SECRET_HEADER}: <the secret>'`,
    `-H 'Content-Type: application/json'`,
    `-d '${sample}'`,
  ].join(' \\\n  ');
  return passed(
    {
      en: 'Nothing to call: the gateway posts to Murmure. Set it up with the URL and header below.',
      fr: 'Rien à appeler\u00a0: la passerelle écrit à Murmure. Réglez-la avec l’URL et l’en-tête ci-dessous.',
    },
    [
      fact('Webhook URL (POST, JSON or form)', 'URL du webhook (POST, JSON ou formulaire)', url),
      fact(
        'Header carrying the secret (or a "secret" query parameter)',
        'En-tête portant le secret (ou un paramètre «\u00a0secret\u00a0» dans l’URL)',
        SECRET_HEADER,
      ),
      fact('Fields read', 'Champs lus', {
        en: 'id (or messageId), from (or msisdn), text; Vonage inbound format as is',
        fr: 'id (ou messageId), from (ou msisdn), text\u00a0; format entrant de Vonage tel quel',
      }),
      fact('Try it (it posts a real message to the queue)', 'Essai (envoie un vrai message en modération)', curl),
      fact('Number shown on the wall', 'Numéro affiché sur le mur', formatPhoneNumber(config.phoneNumber)),
    ],
  );
}
