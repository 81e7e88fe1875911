import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Both Svelte apps build into dist/client in one pass; the express server serves them.
 * `npm run dev` runs the server with its own static routes, so no dev proxy is needed here.
 */
export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        wall: fromRoot('./wall/index.html'),
        moderation: fromRoot('./moderation/index.html'),
      },
    },
  },
});
