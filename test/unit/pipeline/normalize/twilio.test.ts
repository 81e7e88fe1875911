import { describe, expect, it } from 'vitest';
import { readPhone, splitNamePrefix } from '../../../../server/pipeline/normalize/sms-common.js';
import { fixtureForm, ignored, malformed, norm, NOW } from '../helpers.js';

function sms(body: string, from = '+33639981278', extra: Record<string, string> = {}) {
  return {
    MessageSid: 'SM00000000000000000000000000000001',
    From: from,
    To: '+33639980000',
    Body: body,
    NumMedia: '0',
    ...extra,
  };
}

describe('normalize twilio', () => {
  it('reads a recorded inbound SMS without exposing the number', () => {
    const item = norm('twilio', fixtureForm('twilio/inbound-sms.form'));
    expect(item).toMatchObject({
      source: 'sms',
      sourceId: 'SM1521fa559fb923c1ed64f56cd1bed8ef',
      url: null,
      author: { name: 'SMS' },
      authorKey: 'sms:sms-tag(+19253920364)',
      contact: { tag: 'sms-tag(+19253920364)', masked: '+1 925 ••• ••64' },
      text: 'twilio-go testing!',
      lang: null,
      links: { hashtag: null, mention: null },
      createdAt: NOW,
    });
    const visible = JSON.stringify([item.author, item.text, item.url]);
    expect(visible).not.toContain('9253920364');
  });

  it('takes MMS images from the copies the webhook stored, never from Twilio URLs', () => {
    const form = fixtureForm('twilio/inbound-mms.form');
    // Without a stored copy (every fetch failed) an MMS with no text has nothing to show.
    expect(ignored(() => norm('twilio', form)).why).toBe('empty message');
    const photo = { url: `/media/uploads/${'a'.repeat(64)}.jpg`, bytes: 543 };
    const item = norm('twilio', form, { media: [photo] });
    expect(item.text).toBe('');
    expect(item.media).toEqual([{ type: 'image', url: photo.url, bytes: 543 }]);
    expect(JSON.stringify(item)).not.toContain('api.twilio.com');
  });

  it('refuses stored media that is not a local upload', () => {
    expect(malformed(() => norm('twilio', sms('x'), { media: [{ url: 'https://api.twilio.com/x' }] })).message).toMatch(
      /^twilio: 0\.url: /,
    );
  });

  it('takes the author name from a "Nom :" prefix', () => {
    const item = norm('twilio', sms('Nom : Claire\nQuelle place pour le vélo ?'));
    expect(item.author.name).toBe('Claire');
    expect(item.text).toBe('Quelle place pour le vélo ?');
  });

  it.each([
    ['Name: Jean-Pierre O’Neil, my question', 'Jean-Pierre O’Neil', 'my question'],
    ['nom: Anne-Marie - Merci !', 'Anne-Marie', 'Merci !'],
    ['NOM : Zoé ; Bravo', 'Zoé', 'Bravo'],
  ])('splits %j', (body, name, message) => {
    expect(splitNamePrefix(body)).toEqual({ name, message });
  });

  it.each([
    'Nom : Claire', // no message after the name
    `Nom : ${'a'.repeat(41)}\nTrop long`,
    'Nom : 06 39 98 12 34\nchiffres',
    'Bonjour, nom : Claire\nla suite',
  ])('keeps the whole body when the prefix is not a name: %j', (body) => {
    expect(splitNamePrefix(body)).toEqual({ name: null, message: body.trim() });
  });

  it('ignores opt-out keywords and empty messages', () => {
    expect(ignored(() => norm('twilio', sms('STOP', undefined, { OptOutType: 'STOP' }))).why).toBe(
      'opt-out keyword (STOP)',
    );
    expect(ignored(() => norm('twilio', sms('   '))).why).toBe('empty message');
  });

  it('names the missing field', () => {
    const { MessageSid: _sid, ...noSid } = sms('x');
    expect(malformed(() => norm('twilio', noSid)).message).toMatch(/^twilio: MessageSid: /);
  });
});

describe('readPhone', () => {
  it.each([
    ['+33639981278', '+33 6 •• •• •• 78'],
    ['0639981278', '+33 6 •• •• •• 78'],
    ['0033639981278', '+33 6 •• •• •• 78'],
    ['447700900123', '+44 7700 ••••23'],
  ])('masks %s as %s, keeping only the last two digits of the subscriber number', (input, masked) => {
    const phone = readPhone(input);
    expect(phone.masked).toBe(masked);
    const [, , ...tail] = phone.masked.split(' ');
    expect(tail.join('').replace(/\D/g, '')).toHaveLength(2);
  });

  it('gives one canonical number to every way of writing it', () => {
    const forms = ['+33639981278', '0639981278', '06 39 98 12 78', '0033639981278', '33639981278'];
    expect(new Set(forms.map((f) => readPhone(f).canonical))).toEqual(new Set(['+33639981278']));
  });

  it('keeps only the last two characters of an alphanumeric sender', () => {
    expect(readPhone('InfoMairie')).toEqual({ canonical: 'InfoMairie', masked: '••••••••ie' });
  });
});
