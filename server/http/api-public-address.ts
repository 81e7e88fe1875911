/**
 * The public address in the console: every signed-in moderator reads what links and QR codes are made of (the
 * console warns while phones cannot reach it); an admin sets it, picking one of the machine's local-network
 * addresses or typing a domain name. Open walls follow at once.
 */
import express, { Router, type Request } from 'express';
import { InvalidSettingsError } from '../errors.js';
import { adminsOnly, moderatorOf } from './moderator-access.js';
import type { Sessions } from '../auth/sessions.js';
import { parsePublicAddress, type AddressProblem, type PublicAddressService } from '../events/public-address.js';
import { lanAddresses } from '../network/lan-addresses.js';
import { hostKind } from '../network/address-kind.js';
import type { Logger } from '../log.js';
import type { Moderator } from '../protocol/socket.js';
import type { PublicAddressResponse } from '../protocol/public-address.js';

export interface PublicAddressDeps {
  publicAddress: PublicAddressService;
  /** The origin a request came in on (origin.ts), for when no public address is set. */
  requestOrigin: (req: Request) => string;
  sessions: Sessions;
  log: Logger;
}

const PROBLEMS: Record<AddressProblem, { en: string; fr: string }> = {
  not_url: {
    en: 'Type an address such as 192.168.1.20:8080 or https://wall.example.org.',
    fr: 'Saisissez une adresse comme 192.168.1.20:8080 ou https://mur.exemple.fr.',
  },
  scheme: { en: 'The address starts with http:// or https://.', fr: 'L’adresse commence par http:// ou https://.' },
  credentials: {
    en: 'The address cannot hold a name or a password.',
    fr: 'L’adresse ne peut pas contenir de nom ni de mot de passe.',
  },
  path: {
    en: 'Only the server’s address, without a path: links add /w/… and /e/… themselves.',
    fr: 'Seulement l’adresse du serveur, sans chemin\u00a0: les liens ajoutent eux-mêmes /w/… et /e/….',
  },
};

export function publicAddressRouter(deps: PublicAddressDeps): Router {
  const router = Router();

  function answer(req: Request, moderator: Moderator): PublicAddressResponse {
    const port = req.socket.localPort ?? 0;
    return {
      inUse: deps.publicAddress.forRequest(deps.requestOrigin(req)),
      configured: deps.publicAddress.configured(),
      stored: deps.publicAddress.stored(),
      candidates:
        moderator.role === 'admin'
          ? lanAddresses(port).map(({ url, interface: name }) => ({
              url,
              interface: name,
              kind: hostKind(new URL(url).hostname),
            }))
          : [],
    };
  }

  router.get('/public-address', async (req, res) => {
    const moderator = await moderatorOf(deps.sessions, req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(answer(req, moderator));
  });

  const admin = adminsOnly(deps.sessions, 'Only an admin can set the public address.');
  router.put('/admin/public-address', admin, express.json({ limit: '4kb' }), async (req, res) => {
    const moderator = res.locals.moderator as Moderator;
    const input = (req.body as { url?: unknown } | undefined)?.url;
    if (input !== null && typeof input !== 'string') {
      throw new InvalidSettingsError([{ field: 'url', message: PROBLEMS.not_url }]);
    }
    const parsed = input === null || input.trim() === '' ? null : parsePublicAddress(input);
    if (parsed && !parsed.ok) throw new InvalidSettingsError([{ field: 'url', message: PROBLEMS[parsed.problem] }]);
    await deps.publicAddress.set(parsed?.url ?? null);
    deps.log.info({ url: parsed?.url ?? null, by: moderator.name }, 'public address set in the console');
    res.setHeader('Cache-Control', 'no-store');
    res.json(answer(req, moderator));
  });

  return router;
}
