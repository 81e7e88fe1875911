/**
 * An image that does not decode is dropped where it arrives, with one log line saying so, and the message it came
 * with goes in without it: an email attachment and an MMS image, each beside a good one.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUploadStore } from '../../server/media/uploads.js';
import { createSourceImages } from '../../server/media/source-images.js';
import { readMail } from '../../server/sources/email/parse.js';
import { storeMmsImages } from '../../server/sources/sms-twilio-media.js';
import { largePhoto, sidewaysPhoto, truncated } from './fakes/photos.js';
import { startTwilioMedia, type TwilioMediaFake } from './fakes/twilio-media.js';
import { captureLogs } from './helpers/logs.js';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'twilio-auth-token';

let dir: string;
let media: TwilioMediaFake;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'murmure-dropped-'));
  media = await startTwilioMedia(ACCOUNT_SID, AUTH_TOKEN);
});
afterAll(async () => {
  await media.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The log lines that speak of an image at all. */
const droppedLines = (lines: string[]) => lines.filter((line) => /image|attachment/i.test(line));

describe('an image that does not decode', () => {
  it('is left out of an email, with one log line, and the good attachment is kept', async () => {
    const uploads = createUploadStore(join(dir, 'email'));
    const logs = captureLogs();
    const cut = truncated(await largePhoto(800, 600));
    const source = await new MailComposer({
      from: 'Claire <claire@example.net>',
      to: 'questions@wall.example.org',
      subject: 'Photos',
      text: 'Deux photos',
      attachments: [
        { filename: 'cut.jpg', content: cut, contentType: 'image/jpeg' },
        { filename: 'good.jpg', content: await sidewaysPhoto(), contentType: 'image/jpeg' },
      ],
    })
      .compile()
      .build();
    const { payload } = await readMail(source, { saveImage: uploads.save, log: logs.log });
    const attachments = (payload as { attachments: { url: string }[] }).attachments;
    expect(attachments).toHaveLength(1);
    expect(readdirSync(join(dir, 'email'))).toEqual([attachments[0]!.url.split('/').at(-1)]);
    const lines = droppedLines(logs.lines);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      contentType: 'image/jpeg',
      err: expect.stringMatching(/does not decode/),
    });
  });

  it('is left out of an MMS, with one log line, and the good image is kept', async () => {
    const images = createSourceImages(createUploadStore(join(dir, 'mms')), { maxBytes: 1024 * 1024, timeoutMs: 5000 });
    const logs = captureLogs();
    const urls = [
      media.addMedia('MMcut', { body: truncated(await largePhoto(800, 600)), contentType: 'image/jpeg' }),
      media.addMedia('MMgood', { body: await sidewaysPhoto(), contentType: 'image/jpeg' }),
    ];
    const account = { apiBase: media.apiUrl, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
    const photos = await storeMmsImages(urls, account, images.saveFrom, logs.log);
    expect(photos).toEqual([
      { url: expect.stringMatching(/\.jpg$/), bytes: expect.any(Number), width: 200, height: 300 },
    ]);
    const lines = droppedLines(logs.lines);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ media: 0, err: expect.stringMatching(/does not decode/) });
  });
});
