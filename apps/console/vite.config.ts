/**
 * Builds the console into `build/`, which the server's console routes serve at `/` and `/assets/*`.
 * Asset names carry content hashes so the server can cache them for a year.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'build',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npm run dev -w @roentgen/console` proxies the API to a server started on the default port.
    proxy: {
      '^/(ServiceGraph|TraceSummaries|Traces|TraceTimeline|TraceGraph|Groups|CreateGroup|UpdateGroup|DeleteGroup|GetSamplingRules|CreateSamplingRule|UpdateSamplingRule|DeleteSamplingRule)$':
        'http://127.0.0.1:2000',
    },
  },
});
