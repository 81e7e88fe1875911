import { describe, expect, it } from 'vitest';
import { memoryRateWindows } from '../../../server/cluster/rate-windows.js';
import { createSmsRateLimiter, keywordOf } from '../../../server/sources/sms-intake.js';
import { sameSecret } from '../../../server/sources/sms-gateway.js';
import { EMPTY_TWIML, twimlMessage } from '../../../server/sources/sms-twilio.js';

const LIMIT = { perMinute: 5, perHour: 30 };

function clock(start = 1_000_000) {
  let now = start;
  const time = { now: () => now, advance: (ms: number) => (now += ms) };
  return { ...time, limiter: createSmsRateLimiter(memoryRateWindows(time.now)) };
}

describe('per-number rate limit', () => {
  it('takes 5 a minute, refuses the 6th telling it once, and takes more when the minute has passed', async () => {
    const { limiter, advance } = clock();
    for (let n = 0; n < 5; n++) expect(await limiter.take('a', LIMIT)).toEqual({ ok: true });
    expect(await limiter.take('a', LIMIT)).toEqual({ ok: false, notify: true });
    expect(await limiter.take('a', LIMIT)).toEqual({ ok: false, notify: false });
    expect(await limiter.take('b', LIMIT)).toEqual({ ok: true });
    advance(60_001);
    expect(await limiter.take('a', LIMIT)).toEqual({ ok: true });
  });

  it('caps an hour at 30 even when each minute stays under 5, and a new refusal is told again', async () => {
    const { limiter, advance } = clock();
    for (let n = 0; n < 30; n++) {
      expect((await limiter.take('a', LIMIT)).ok).toBe(true);
      advance(60_000 / 4);
    }
    expect(await limiter.take('a', LIMIT)).toEqual({ ok: false, notify: true });
    expect(await limiter.take('a', LIMIT)).toEqual({ ok: false, notify: false });
    advance(60 * 60_000 - 30 * 15_000 + 1); // the hour that began with the first message is over
    for (let n = 0; n < 5; n++) expect(await limiter.take('a', LIMIT)).toEqual({ ok: true });
    expect(await limiter.take('a', LIMIT)).toEqual({ ok: false, notify: true });
  });
});

describe('keywords', () => {
  it.each([
    ['STOP', 'stop'],
    ['stop', 'stop'],
    [' Stop. ', 'stop'],
    ['STOP ALL', 'stop'],
    ['STOPALL', 'stop'],
    ['UNSUBSCRIBE', 'stop'],
    ['Cancel', 'stop'],
    ['END', 'stop'],
    ['QUIT!', 'stop'],
    ['ARRÊT', 'stop'],
    ['arret', 'stop'],
    ['START', 'start'],
    ['unstop', 'start'],
    ['HELP', 'help'],
    ['info', 'help'],
  ])('reads %j as %s', (body, keyword) => {
    expect(keywordOf(body)).toBe(keyword);
  });

  it.each(['Stop au bruit !', 'Bonne fin', 'STOPPER', 'aide-moi', ''])('reads %j as a message', (body) => {
    expect(keywordOf(body)).toBeNull();
  });

  it("follows Twilio's OptOutType over the text", () => {
    expect(keywordOf('Oui', 'START')).toBe('start');
    expect(keywordOf('Désinscription', 'STOP')).toBe('stop');
    expect(keywordOf('Hello', undefined)).toBeNull();
  });
});

describe('TwiML', () => {
  it('escapes the text and drops characters XML cannot hold', () => {
    expect(twimlMessage('A & B <c> "d" \'e\'\u0007 é 🎉')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; é 🎉</Message></Response>',
    );
  });

  it('sends French non-breaking spaces as plain ones, which GSM-7 can carry', () => {
    expect(twimlMessage('Merci\u00a0! Réessayez\u202f: bientôt')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Merci ! Réessayez : bientôt</Message></Response>',
    );
  });

  it('answers an empty Response for an empty text', () => {
    expect(twimlMessage('  ')).toBe(EMPTY_TWIML);
    expect(EMPTY_TWIML).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});

describe('gateway secret', () => {
  it('matches only the exact secret, whatever the lengths', () => {
    expect(sameSecret('s3cret', 's3cret')).toBe(true);
    expect(sameSecret('s3cre', 's3cret')).toBe(false);
    expect(sameSecret('s3cret!', 's3cret')).toBe(false);
    expect(sameSecret('', 's3cret')).toBe(false);
  });
});
