import { describe, expect, it } from 'vitest';
import type { PublicEvent } from '../../../../server/protocol/event.js';
import { participationView } from '../../../../wall/lib/participation.js';

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
      qrCodePath: '/api/events/town-hall/qr.svg',
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
      url: 'http://10.0.0.5:8080/e/town-hall',
      urlLabel: '10.0.0.5:8080/e/town-hall',
      urlParts: ['10.0.0.5:8080/', 'e/', 'town-hall'],
      qrCodePath: '/api/events/town-hall/qr.svg',
    });
  });

  it('uses the configured address, hashtags and channels, dropping blanks and duplicates', () => {
    const view = participationView(
      event({
        hashtags: ['#Debat', 'Debat', ' '],
        sms: '+33 6 39 98 00 00',
        email: ' ',
        webUrl: 'https://mur.example.org/e/town-hall/',
      }),
      'http://localhost',
    );
    expect(view.hashtags).toEqual(['#Debat']);
    expect(view.sms).toBe('+33 6 39 98 00 00');
    expect(view.email).toBeNull();
    expect(view.urlLabel).toBe('mur.example.org/e/town-hall');
  });
});
