// The web app's build and dev server. `npm run dev` serves it with hot reload and proxies the
// API's paths to a running API (ROTA_API, default http://localhost:3000); `npm run build`
// writes dist/, which the API serves at `/`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { precompress } from './build/precompress.ts';

const api = process.env.ROTA_API ?? 'http://localhost:3000';
const proxied = { target: api, changeOrigin: false };

export default defineConfig({
  plugins: [react(), precompress()],
  resolve: {
    dedupe: ['react', 'react-dom'],
  },
  server: {
    port: Number(process.env.PORT ?? 5173),
    proxy: { '/v1': proxied, '/docs': proxied, '/openapi.json': proxied, '/health': proxied },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Report every chunk's size; the budget is held by `npm run bench` (docs/performance.md).
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
  },
});
