/**
 * A raw message to the `email` payload: the recorded fixtures through mailparser, images stored by the real upload
 * store in a temp folder, then the payload through the real normalizer.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/log.js';
import { createUploadStore } from '../../../server/media/uploads.js';
import type { MailMessage } from '../../../server/pipeline/normalize/email.js';
import { readMail, UnreadableMailError } from '../../../server/sources/email/parse.js';
import { ignored, norm } from '../pipeline/helpers.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/email/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'murmure-parse-'));
const uploads = createUploadStore(dir);
const log = silentLogger();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function parse(source: Buffer | string, envelopeFrom?: string): Promise<MailMessage> {
  const options = { saveImage: uploads.save, log, ...(envelopeFrom === undefined ? {} : { envelopeFrom }) };
  return (await readMail(Buffer.from(source), options)).payload as MailMessage;
}

const simple = (headers: string, body = 'Bonjour') =>
  `From: Claire <claire@example.net>\r\nSubject: Salut\r\n${headers}\r\n${body}\r\n`;

describe('readMail', () => {
  it('reads the recorded multipart message and stores both images', async () => {
    const mail = await parse(fixture('multipart-with-image-attachments.eml'));
    expect(mail).toMatchObject({
      messageId: '<012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee>',
      from: { name: 'Andris Kreata', address: 'andris@kreata.ee' },
      subject: 'Nodemailer is unicode friendly ✔ (1476358788189)',
      text: 'Hello to myself! http://www.nodemailer.com/',
      date: '2016-10-13T11:39:48.000Z',
    });
    expect(mail.attachments).toEqual([
      {
        contentType: 'image/png',
        size: expect.any(Number),
        url: expect.stringMatching(/^\/media\/uploads\/\w{64}\.png$/),
        width: 16,
        height: 16,
      },
      {
        contentType: 'image/gif',
        size: expect.any(Number),
        url: expect.stringMatching(/^\/media\/uploads\/\w{64}\.gif$/),
        width: 500,
        height: 350,
        // The GIF is animated: a still of its first frame comes with it.
        previewUrl: expect.stringMatching(/^\/media\/uploads\/\w{64}\.gif$/),
      },
    ]);
    // The text attachment and the `text/watch-html` part are not images.
    expect(norm('email', mail).media).toHaveLength(2);
  });

  it('passes the HTML of HTML-only mail, for the normalizer to turn into text', async () => {
    const mail = await parse(fixture('html-only.eml'));
    expect(mail.text).toBeUndefined();
    expect(mail.html).toContain('<html>');
    expect(norm('email', mail).text).toMatch(/^123\.042 Euro pro Jahr GRARANTIERT von einer Bank! KOSTENLOS\n\n\S/);
  });

  it('keeps only the headers that tell a machine from a person, unfolded', async () => {
    const mail = await parse(
      simple(
        'Received: from x\r\nTo: wall@example.org\r\nList-Unsubscribe:\r\n <mailto:u@example.org>,\r\n <https://x>\r\n',
      ),
    );
    expect(mail.headers).toEqual({ 'list-unsubscribe': '<mailto:u@example.org>, <https://x>' });
  });

  it('turns the SMTP envelope sender into Return-Path, so a bounce (MAIL FROM:<>) is ignored', async () => {
    const mail = await parse(simple('Message-ID: <b@x>\r\n'), '');
    expect(mail.headers?.['return-path']).toBe('<>');
    expect(ignored(() => norm('email', mail)).why).toBe('bounce (null sender)');
    expect((await parse(simple(''), 'claire@example.net')).headers?.['return-path']).toBe('<claire@example.net>');
  });

  it('gives mail without a Message-ID a stable one from its content', async () => {
    const first = await parse(simple(''));
    expect(first.messageId).toMatch(/^<[0-9a-f]{40}@murmure\.invalid>$/);
    expect((await parse(simple(''))).messageId).toBe(first.messageId);
    expect((await parse(simple('', 'Autre chose'))).messageId).not.toBe(first.messageId);
  });

  it('drops an attachment that is not a usable image, and keeps the text', async () => {
    const broken =
      'From: <a@example.net>\r\nSubject: photo\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n' +
      '--b\r\nContent-Type: text/plain\r\n\r\nVoici\r\n--b\r\nContent-Type: image/png; name=x.png\r\n' +
      'Content-Transfer-Encoding: base64\r\n\r\nbm90IGEgcG5n\r\n--b--\r\n';
    const mail = await parse(broken);
    expect(mail.attachments).toEqual([]);
    expect(mail.text?.trim()).toBe('Voici');
  });

  it.each([
    ['bytes that are not a message', Buffer.from([0xff, 0xfe, 0x0d, 0x0a, 0x41]), /no sender address/],
    ['a message without From', 'Subject: hi\r\n\r\nbody\r\n', /no sender address/],
    [
      'a multipart message whose boundary never appears',
      'From: <a@example.net>\r\nContent-Type: multipart/mixed; boundary="NEVER"\r\n\r\n--WRONG\r\n\r\nlost\r\n',
      /MIME structure is broken/,
    ],
  ])('refuses %s as unreadable', async (_what, source, message) => {
    const error = await readMail(Buffer.from(source), { log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableMailError);
    expect((error as Error).message).toMatch(message);
  });
});
