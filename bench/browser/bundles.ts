/** Gzipped size of each app as a browser loads it: the entry HTML's scripts, styles and preloaded chunks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  app: string;
  files: number;
  gzipKB: number;
}

function assetsOf(html: string): string[] {
  const found = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  return [...new Set(found)];
}

export function bundleSizes(clientDir: string): BundleSize[] {
  return [
    { app: 'wall', html: 'wall/index.html' },
    { app: 'moderation', html: 'moderation/index.html' },
  ].map(({ app, html }) => {
    const files = assetsOf(readFileSync(join(clientDir, html), 'utf8'));
    const bytes = files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(clientDir, file)), { level: 9 }).length,
      0,
    );
    return { app, files: files.length, gzipKB: Math.round(bytes / 102.4) / 10 };
  });
}
