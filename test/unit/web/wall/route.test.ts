import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../../../wall/lib/route.js';

describe('parseRoute', () => {
  it('shows the default event on the wall at /', () => {
    expect(parseRoute('/')).toEqual({ screen: 'wall', slug: null });
    expect(parseRoute('')).toEqual({ screen: 'wall', slug: null });
  });

  it('reads the slug of /w/:slug and /e/:slug', () => {
    expect(parseRoute('/w/forum-2025')).toEqual({ screen: 'wall', slug: 'forum-2025' });
    expect(parseRoute('/e/forum-2025')).toEqual({ screen: 'webview', slug: 'forum-2025' });
  });

  it('tolerates a trailing slash and decodes the slug', () => {
    expect(parseRoute('/e/forum/')).toEqual({ screen: 'webview', slug: 'forum' });
    expect(parseRoute('/w/caf%C3%A9')).toEqual({ screen: 'wall', slug: 'café' });
  });

  it('refuses unknown paths, missing slugs, extra segments and malformed escapes', () => {
    for (const path of ['/x/forum', '/w', '/e/', '/w/forum/extra', '/e/%E0%A4%A', '/e/a%2Fb']) {
      expect(parseRoute(path), path).toEqual({ screen: 'not-found', slug: null });
    }
  });
});
