/**
 * Twilio's REST API on 127.0.0.1, as far as the source check uses it: fetching the account,
 * `GET /2010-04-01/Accounts/{AccountSid}.json` with HTTP Basic AccountSid:AuthToken.
 *
 * The 200 body follows the Account resource of twilio/twilio-node `spec/integration/rest/api/v2010/account.spec.js`
 * ("should generate valid fetch response"); like the real API, it carries the account's own `auth_token`, which is
 * why a test can show the check never repeats what it read. Bad credentials get the 401 body the live API sends
 * (`Authentication Error - invalid username`, error 20003, as reported in bytechefhq/bytechef issue #971 and quoted
 * in public test doubles of twilio-php clients), with `WWW-Authenticate: Basic realm="Twilio API"`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface TwilioAccountOptions {
  friendlyName?: string;
  status?: 'active' | 'suspended' | 'closed';
  type?: 'Trial' | 'Full';
}

export interface TwilioApiFake {
  /** The API root, for the source's `apiBase`. */
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  openConnections(): number;
  close(): Promise<void>;
}

const UNAUTHORIZED = {
  code: 20003,
  detail: 'Your AccountSid or AuthToken was incorrect.',
  message: 'Authentication Error - invalid username',
  more_info: 'https://www.twilio.com/docs/errors/20003',
  status: 401,
};

function account(sid: string, authToken: string, options: TwilioAccountOptions) {
  const base = `/2010-04-01/Accounts/${sid}`;
  const sub = (name: string) => `${base}/${name}.json`;
  return {
    auth_token: authToken,
    date_created: 'Sun, 15 Mar 2009 02:08:47 +0000',
    date_updated: 'Wed, 25 Aug 2010 01:30:09 +0000',
    friendly_name: options.friendlyName ?? 'Test Account',
    sid,
    owner_account_sid: sid,
    status: options.status ?? 'active',
    subresource_uris: {
      available_phone_numbers: sub('AvailablePhoneNumbers'),
      calls: sub('Calls'),
      conferences: sub('Conferences'),
      incoming_phone_numbers: sub('IncomingPhoneNumbers'),
      notifications: sub('Notifications'),
      outgoing_caller_ids: sub('OutgoingCallerIds'),
      recordings: sub('Recordings'),
      sms_messages: sub('SMS/Messages'),
      transcriptions: sub('Transcriptions'),
    },
    type: options.type ?? 'Full',
    uri: `${base}.json`,
  };
}

export async function startTwilioApi(
  accountSid: string,
  authToken: string,
  options: TwilioAccountOptions = {},
): Promise<TwilioApiFake> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  function answer(req: IncomingMessage, res: ServerResponse): void {
    requests.push(req.url ?? '');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void =>
      void res
        .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        .end(JSON.stringify(body));
    if (req.headers.authorization !== expected) {
      return send(401, UNAUTHORIZED, { 'www-authenticate': 'Basic realm="Twilio API"' });
    }
    if (req.method === 'GET' && req.url === `/2010-04-01/Accounts/${accountSid}.json`) {
      return send(200, account(accountSid, authToken, options));
    }
    send(404, {
      code: 20404,
      message: `The requested resource ${req.url} was not found`,
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });
  }

  const server = createServer(answer);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
