import { describe, expect, it } from 'vitest';
import type { MailMessage } from '../../../../server/pipeline/normalize/index.js';
import EmailReplyParser from 'email-reply-parser';
import { maskEmail, visibleReply } from '../../../../server/pipeline/normalize/email.js';
import { ignored, malformed, norm, NOW } from '../helpers.js';

// Header values from test fixture shared/email/multipart-with-image-attachments.eml, as mailparser returns them.
const mail: MailMessage = {
  messageId: '<012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee>',
  from: { name: 'Andris Kreata', address: 'andris@kreata.ee' },
  subject: 'Nodemailer is unicode friendly ✔ (1476358788189)',
  text: 'Hello to myself!\n\n-- \nAndris\n+372 5555 1234',
  date: '2016-10-13T11:39:48.000Z',
  headers: { 'x-mailer': 'nodemailer (2.6.0)' },
  attachments: [
    { contentType: 'image/png', filename: 'image.png', size: 1640, url: 'https://murmure.example.org/media/1' },
    { contentType: 'text/plain', filename: 'notes.txt', size: 12, url: 'https://murmure.example.org/media/2' },
    { contentType: 'image/gif', filename: 'no-url.gif', size: 10 },
  ],
};

describe('normalize email', () => {
  it('reads a message without exposing the address', () => {
    const item = norm('email', mail);
    expect(item).toMatchObject({
      source: 'email',
      sourceId: '<012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee>',
      url: null,
      author: { name: 'Andris Kreata' },
      authorKey: 'email:mail-tag(andris@kreata.ee)',
      contact: { tag: 'mail-tag(andris@kreata.ee)', masked: 'a•••@kreata.ee' },
      html: null,
      createdAt: Date.parse('2016-10-13T11:39:48.000Z'),
    });
    expect(JSON.stringify(item.author)).not.toContain('andris@');
  });

  it('puts the subject first and drops the signature', () => {
    expect(norm('email', mail).text).toBe('Nodemailer is unicode friendly ✔ (1476358788189)\n\nHello to myself!');
  });

  it('keeps image attachments that have a URL', () => {
    expect(norm('email', mail).media).toEqual([
      { type: 'image', url: 'https://murmure.example.org/media/1', bytes: 1640 },
    ]);
  });

  it('converts an HTML-only body to text', () => {
    const item = norm('email', {
      ...mail,
      text: undefined,
      html: '<p>Bonjour&nbsp;<b>à tous</b></p><p>Fin</p>',
      date: undefined,
    });
    expect(item.text).toBe('Nodemailer is unicode friendly ✔ (1476358788189)\n\nBonjour\u00a0à tous\n\nFin');
    expect(item.html).toBeNull();
    expect(item.createdAt).toBe(NOW);
  });

  it('never uses an address as the display name', () => {
    expect(
      norm('email', { ...mail, from: { name: 'andris@kreata.ee', address: 'andris@kreata.ee' } }).author.name,
    ).toBe('Email');
    expect(norm('email', { ...mail, from: { address: 'andris@kreata.ee' } }).author.name).toBe('Email');
  });

  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, 'auto-submitted: auto-replied'],
    [{ precedence: 'bulk' }, 'precedence: bulk'],
    [{ Precedence: 'List' }, 'precedence: list'],
  ])('ignores automatic mail %j', (headers, why) => {
    expect(ignored(() => norm('email', { ...mail, headers })).why).toBe(why);
  });

  it.each([
    [{ 'List-Id': 'Newsletter <news.example.org>' }, 'sent by a program (list-id)'],
    [{ 'List-Unsubscribe': '<mailto:unsubscribe@example.org>' }, 'sent by a program (list-unsubscribe)'],
    [{ 'X-Autoreply': 'yes' }, 'sent by a program (x-autoreply)'],
    [{ 'X-Autorespond': 'Out of office' }, 'sent by a program (x-autorespond)'],
    [{ Precedence: 'auto_reply' }, 'precedence: auto_reply'],
    [{ 'return-path': '<>' }, 'bounce (null sender)'],
    [{ 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="x"' }, 'delivery or read report'],
  ])('ignores mail sent by a program %j', (headers, why) => {
    expect(ignored(() => norm('email', { ...mail, headers })).why).toBe(why);
  });

  it('ignores mail from MAILER-DAEMON', () => {
    const bounce = { ...mail, from: { name: 'Mail Delivery Subsystem', address: 'MAILER-DAEMON@example.org' } };
    expect(ignored(() => norm('email', bounce)).why).toBe('bounce (null sender)');
  });

  it('accepts a normal Return-Path and Content-Type', () => {
    const headers = { 'return-path': '<andris@kreata.ee>', 'content-type': 'multipart/mixed; boundary="b"' };
    expect(norm('email', { ...mail, headers }).source).toBe('email');
  });

  it.each([
    [
      'a French reply (quote header, quoted lines, "Cordialement" signature)',
      'Est-ce filmé ?\n\nCordialement,\nMarie\n\nLe lun. 3 mars 2025 à 10:12, Jean <jean@example.org> a écrit :\n> Le programme.\n',
      'Est-ce filmé ?',
    ],
    [
      'an English reply with a "-- " signature',
      'Slides online?\n\n-- \nBob | ACME\n\nOn Mon, Mar 3, 2025 at 10:12 AM Alice <alice@example.com> wrote:\n> Agenda.\n',
      'Slides online?',
    ],
    ['a reply sent from a phone', 'Yes please!\n\nSent from my iPhone', 'Yes please!'],
    ['CRLF line ends', 'Hello\r\n\r\nOn Mon, Mar 3, 2025, Alice <a@example.com> wrote:\r\n> hi\r\n', 'Hello'],
  ])('keeps only what was written in %s', (_what, text, body) => {
    expect(norm('email', { ...mail, subject: undefined, text }).text).toBe(body);
  });

  it('cuts the quoted part of an HTML-only reply', () => {
    const html =
      '<div>Merci pour le programme.</div><div class="gmail_quote">Le lun. 3 mars 2025, Jean &lt;jean@example.org&gt; a écrit :' +
      '<blockquote>Le programme est en ligne.</blockquote></div>';
    expect(norm('email', { ...mail, subject: undefined, text: undefined, html }).text).toBe('Merci pour le programme.');
  });

  it('reads at most the first 20,000 characters of a body', () => {
    const text = `${'a'.repeat(19_990)} END ${'b'.repeat(50_000)}`;
    expect(norm('email', { ...mail, subject: undefined, text }).text).toHaveLength(20_000);
  });

  it('accepts Auto-Submitted: no', () => {
    expect(norm('email', { ...mail, headers: { 'auto-submitted': 'no' } }).source).toBe('email');
  });

  it.each(['', '<>'])('ignores a bounce with sender %j', (address) => {
    expect(ignored(() => norm('email', { ...mail, from: { address } })).why).toBe('bounce (empty sender)');
  });

  it('requires a Message-ID', () => {
    expect(malformed(() => norm('email', { ...mail, messageId: ' ' })).message).toMatch(/^email: messageId: /);
  });

  it.each([
    ['jean.dupont@example.org', 'j•••@example.org'],
    ['a@b.example', 'a•••@b.example'],
    ['nobody', '•••'],
  ])('masks %s as %s', (address, masked) => {
    expect(maskEmail(address)).toBe(masked);
  });
});

describe('visibleReply', () => {
  it('answers one-line bodies as email-reply-parser does, up to surrounding whitespace', () => {
    const parser = new EmailReplyParser();
    const lines = [
      'Les horaires du marché vont-ils changer ? #TownHall',
      'Sent from my iPhone',
      'Envoyé de mon iPhone',
      'Cordialement,',
      'Best wishes',
      '-- ',
      '--',
      '__',
      'On Mon, Jan 1, 2024 at 10:00, Ana <ana@example.org> wrote:',
      'Le lun. 1 janv. 2024 à 10:00, Ana <ana@example.org> a écrit :',
      '-----Original Message-----',
      'From: Ana <ana@example.org>',
      '> quoted',
      '>> deeper',
      ' > indented',
      'a > b',
      '',
      'merci~',
      'x',
    ];
    const edges = ['', ' ', '  ', '\t', ' \t '];
    for (const line of lines) {
      for (const before of edges) {
        for (const after of edges) {
          const body = `${before}${line}${after}`;
          expect(visibleReply(body).trim(), JSON.stringify(body)).toBe(parser.parseReply(body).trim());
        }
      }
    }
  });
});
