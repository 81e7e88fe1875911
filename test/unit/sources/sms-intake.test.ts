import { describe, expect, it } from 'vitest';
import { createSmsRateLimiter, keywordOf } from '../../../server/sources/sms-intake.js';
import { sameSecret } from '../../../server/sources/sms-gateway.js';
import { EMPTY_TWIML, twimlMessage } from '../../../server/sources/sms-twilio.js';

const LIMIT = { perMinute: 5, perHour: 30 };

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('per-number rate limit', () => {
  it('takes 5 a minute, refuses the 6th telling it once, and takes more when the minute has passed', () => {
    const time = clock();
    const limiter = createSmsRateLimiter(time.now);
    for (let n = 0; n < 5; n++) expect(limiter.take('a', LIMIT)).toEqual({ ok: true });
    expect(limiter.take('a', LIMIT)).toEqual({ ok: false, notify: true });
    expect(limiter.take('a', LIMIT)).toEqual({ ok: false, notify: false });
    expect(limiter.take('b', LIMIT)).toEqual({ ok: true });
    time.advance(60_001);
    expect(limiter.take('a', LIMIT)).toEqual({ ok: true });
  });

  it('caps an hour at 30 even when each minute stays under 5, and a new refusal is told again', () => {
    const time = clock();
    const limiter = createSmsRateLimiter(time.now);
    for (let n = 0; n < 30; n++) {
      expect(limiter.take('a', LIMIT).ok).toBe(true);
      time.advance(60_000 / 4);
    }
    expect(limiter.take('a', LIMIT)).toEqual({ ok: false, notify: true });
    time.advance(60 * 60_000 - 30 * 15_000 + 1); // the first message of the hour, and only it, leaves the window
    expect(limiter.take('a', LIMIT)).toEqual({ ok: true });
    expect(limiter.take('a', LIMIT)).toEqual({ ok: false, notify: true });
  });

  it('forgets idle numbers once many are tracked, without a timer', () => {
    const time = clock();
    const limiter = createSmsRateLimiter(time.now);
    for (let n = 0; n < 1001; n++) limiter.take(`n${n}`, { perMinute: 1, perHour: 1 });
    time.advance(60 * 60_000 + 1);
    limiter.take('fresh', LIMIT);
    expect(limiter.take('n0', { perMinute: 1, perHour: 1 })).toEqual({ ok: true });
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
