/**
 * Webhooks that outside services call, under /hooks: the SMS gateways (Twilio, and any gateway posting JSON or
 * a form). Each route checks its own credentials; an unknown path answers 404 here rather than reaching the
 * screens.
 */
import { Router } from 'express';
import { NotFoundError } from '../errors.js';
import type { SmsHookDeps } from '../sources/sms-intake.js';
import { twilioWebhookRouter } from '../sources/sms-twilio.js';
import { gatewayWebhookRouter } from '../sources/sms-gateway.js';

export type HookDeps = SmsHookDeps;

export function hooksRouter(deps: HookDeps): Router {
  const router = Router();
  router.use('/hooks', twilioWebhookRouter(deps), gatewayWebhookRouter(deps));
  router.use('/hooks', (req, _res, next) => {
    // The path only: a query string may carry a gateway's secret.
    next(new NotFoundError(`No webhook ${req.method} /hooks${req.path}.`));
  });
  return router;
}
