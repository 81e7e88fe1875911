/**
 * Twilio's MMS media, as two hosts on 127.0.0.1: the API, which answers a media URL
 * (`/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{MediaSid}`) only with HTTP Basic
 * AccountSid:AuthToken (else 401 and error 20003) and then redirects (307) to the CDN; and the CDN, which serves
 * the bytes to anyone holding the unguessable URL. Every request's Authorization header is recorded per host, so
 * a test can show the credentials never left the API host.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import twilio from 'twilio';

export const GPS_MARKER = 'GPS-48.8566N-2.3522E';
/** A real small JPEG (test/fixtures/twilio/mms-photo.jpg) with an EXIF segment holding a GPS position added. */
export const JPEG_WITH_GPS = withGpsExif(readFileSync(new URL('../../fixtures/twilio/mms-photo.jpg', import.meta.url)));

interface Seen {
  path: string;
  authorization: string | undefined;
}

export interface FakeMedia {
  body: Buffer;
  contentType: string;
}

export interface TwilioMediaFake {
  /** The API's base URL, to configure as the source's `apiBase`. */
  apiUrl: string;
  cdnUrl: string;
  apiRequests: Seen[];
  cdnRequests: Seen[];
  /** Puts a file on the CDN and returns its Twilio media URL for `MediaUrlN`. */
  addMedia(messageSid: string, media: FakeMedia): string;
  /** Connections still open on either host. */
  openConnections(): number;
  close(): Promise<void>;
}

/** APP1 EXIF (big-endian TIFF): IFD0 with one GPS IFD pointer; the GPS IFD's latitude ref points at a marker. */
function withGpsExif(jpeg: Buffer): Buffer {
  const tiff = Buffer.alloc(8 + 18 + 18 + 32);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // IFD0: one entry
  tiff.writeUInt16BE(0x8825, 10); // GPSInfo IFD pointer
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  tiff.writeUInt16BE(1, 26); // GPS IFD: one entry
  tiff.writeUInt16BE(0x0002, 28); // GPSLatitude, as ASCII here so the test can look for it
  tiff.writeUInt16BE(2, 30);
  tiff.writeUInt32BE(GPS_MARKER.length + 1, 32);
  tiff.writeUInt32BE(44, 36);
  tiff.writeUInt32BE(0, 40);
  tiff.write(GPS_MARKER, 44, 'latin1');
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  // After SOI and the JFIF APP0, where cameras put it.
  const app0End = 2 + 2 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, app0End), header, payload, jpeg.subarray(app0End)]);
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<[Server, string]> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
}

export async function startTwilioMedia(accountSid: string, authToken: string): Promise<TwilioMediaFake> {
  const files = new Map<string, FakeMedia>();
  const mediaPaths = new Map<string, string>();
  const apiRequests: Seen[] = [];
  const cdnRequests: Seen[] = [];
  const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  const [cdn, cdnUrl] = await listen((req, res) => {
    cdnRequests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    const file = files.get(req.url ?? '');
    if (!file) return res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error>NoSuchKey</Error>');
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.length }).end(file.body);
  });

  const [api, apiUrl] = await listen((req, res) => {
    apiRequests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    if (req.headers.authorization !== expected) {
      const error = { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003' };
      return res
        .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="Twilio API"' })
        .end(JSON.stringify({ ...error, status: 401 }));
    }
    const target = mediaPaths.get(req.url ?? '');
    if (!target) {
      const error = { code: 20404, message: 'The requested resource was not found', status: 404 };
      return res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(error));
    }
    res.writeHead(307, { location: `${cdnUrl}${target}`, 'content-type': 'text/plain' }).end();
  });

  const openSockets = new Set<Socket>();
  for (const server of [api, cdn]) {
    server.on('connection', (socket: Socket) => {
      openSockets.add(socket);
      socket.on('close', () => openSockets.delete(socket));
    });
  }

  const closeAll = (server: Server) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    apiUrl,
    cdnUrl,
    apiRequests,
    cdnRequests,
    addMedia(messageSid, media) {
      const mediaSid = `ME${randomBytes(16).toString('hex')}`;
      const path = `/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
      const cdnPath = `/media.twiliocdn.com/${accountSid}/${randomBytes(16).toString('hex')}`;
      files.set(cdnPath, media);
      mediaPaths.set(path, cdnPath);
      return `${apiUrl}${path}`;
    },
    openConnections: () => openSockets.size,
    close: async () => {
      await Promise.all([closeAll(api), closeAll(cdn)]);
    },
  };
}

export interface TwilioPostOptions {
  authToken: string;
  /** The URL Twilio would sign (the one configured in its console); the request's own URL by default. */
  signedFor?: string;
  /** Replaces the computed signature; null sends none. */
  signature?: string | null;
  headers?: Record<string, string>;
}

/**
 * Posts an inbound-message webhook the way Twilio does: the form body, and an `X-Twilio-Signature` computed by
 * the `twilio` package's own helper over the URL and every parameter.
 */
export function postTwilio(url: string, params: Record<string, string>, options: TwilioPostOptions) {
  const signature =
    options.signature === undefined
      ? twilio.getExpectedTwilioSignature(options.authToken, options.signedFor ?? url, params)
      : options.signature;
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
      ...options.headers,
    },
    body: new URLSearchParams(params),
  });
}

/** The fields of a Twilio inbound SMS (as in test/fixtures/twilio/inbound-sms.form). */
export function inboundSms(sid: string, from: string, body: string, accountSid: string, to = '+33639980000') {
  return {
    ToCountry: 'FR',
    ToState: '',
    SmsMessageSid: sid,
    NumMedia: '0',
    ToCity: '',
    FromZip: '',
    SmsSid: sid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: body,
    FromCountry: 'FR',
    To: to,
    ToZip: '',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: accountSid,
    From: from,
    ApiVersion: '2010-04-01',
  };
}
