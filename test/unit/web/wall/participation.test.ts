import { describe, expect, it } from 'vitest';
import type { PublicEvent } from '../../../../server/protocol/event.js';
import { isLoopbackOrigin, participationView } from '../../../../wall/lib/participation.js';

function event(participation: Partial<PublicEvent['participation']> = {}): PublicEvent {
  return {
    slug: 'town-hall',
    title: 'Grand débat',
    hashtags: ['GrandDebat'],
    mode: 'pre',
    wall: {
      layout: 'mosaic',
      theme: {
        mode: 'dark',
        accent: '#38bdf8',
        background: '#0f172a',
        logoUrl: null,
        backgroundImageUrl: null,
        fontScale: 1,
        transparent: false,
      },
      languages: ['fr', 'en'],
      paused: false,
    },
    participation: {
      hashtags: [],
      sms: null,
      email: null,
      webUrl: null,
      addressKind: null,
      qrCodePath: '/api/events/town-hall/qr.svg?v=x',
      ...participation,
    },
    announcement: null,
  };
}

describe('participationView', () => {
  it('falls back to the page origin and the event hashtags', () => {
    expect(participationView(event(), 'http://10.0.0.5:8080/')).toEqual({
      hashtags: ['#GrandDebat'],
      sms: null,
      email: null,
      web: {
        url: 'http://10.0.0.5:8080/e/town-hall',
        label: '10.0.0.5:8080/e/town-hall',
        parts: ['10.0.0.5:8080/', 'e/', 'town-hall'],
        qrCodePath: '/api/events/town-hall/qr.svg?v=x',
      },
    });
  });

  it('uses the configured address, hashtags and channels, dropping blanks and duplicates', () => {
    const view = participationView(
      event({
        hashtags: ['#Debat', 'Debat', ' '],
        sms: '+33 6 39 98 00 00',
        email: ' ',
        webUrl: 'https://mur.example.org/e/town-hall/',
        addressKind: 'public',
      }),
      'http://localhost',
    );
    expect(view.hashtags).toEqual(['#Debat']);
    expect(view.sms).toBe('+33 6 39 98 00 00');
    expect(view.email).toBeNull();
    expect(view.web?.label).toBe('mur.example.org/e/town-hall');
  });

  it('shows no address and no QR code while the only one known is this machine', () => {
    for (const origin of [
      'http://localhost:8080',
      'http://127.0.0.1:8080',
      'http://[::1]:8080',
      'http://wall.localhost',
    ]) {
      const view = participationView(event({ sms: '+33 6 39 98 00 00' }), origin);
      expect(view.web, origin).toBeNull();
      expect(view.hashtags).toEqual(['#GrandDebat']);
      expect(view.sms).toBe('+33 6 39 98 00 00');
    }
  });
});

describe('isLoopbackOrigin', () => {
  it('knows every spelling a browser gives this machine', () => {
    for (const origin of [
      'http://localhost',
      'http://LOCALHOST:8080',
      'http://a.localhost:1',
      'http://127.0.0.1:8080',
      'http://127.1',
      'http://0x7f.1',
      'http://2130706433',
      'http://[::1]',
      'http://[0:0:0:0:0:0:0:1]',
      'http://[::ffff:127.0.0.1]',
      'http://0.0.0.0:8080',
      'http://[::]:8080',
      'not a url',
    ]) {
      expect(isLoopbackOrigin(origin), origin).toBe(true);
    }
    for (const origin of [
      'http://192.168.1.20:8080',
      'https://wall.example.org',
      'http://[fd00::1]',
      'http://10.0.0.5',
    ]) {
      expect(isLoopbackOrigin(origin), origin).toBe(false);
    }
  });
});
