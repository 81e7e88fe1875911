/** Which screen of the wall app a URL shows. The server serves wall/index.html for all of these paths. */

export type Screen = 'wall' | 'webview' | 'not-found';

export interface Route {
  screen: Screen;
  /** Event slug from the path; null on `/`, which shows the server's default event. */
  slug: string | null;
}

const PREFIXES: Record<string, Screen> = { w: 'wall', e: 'webview' };

/** `/` and `/w/:slug` are the full-screen wall, `/e/:slug` the web view for remote followers. */
export function parseRoute(pathname: string): Route {
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) return { screen: 'wall', slug: null };
  const [prefix, raw, ...rest] = segments;
  const screen = prefix === undefined ? undefined : PREFIXES[prefix];
  if (screen === undefined || raw === undefined || rest.length > 0) return { screen: 'not-found', slug: null };
  const slug = decodeSegment(raw);
  return slug === null ? { screen: 'not-found', slug: null } : { screen, slug };
}

function decodeSegment(segment: string): string | null {
  try {
    const decoded = decodeURIComponent(segment);
    return decoded === '' || decoded.includes('/') ? null : decoded;
  } catch {
    // A malformed escape such as `%E0%A4%A` is a bad link, not a crash.
    return null;
  }
}
