import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Node's `process`, typed here only: the app's tsconfig has DOM types, not Node's.
declare const process: { env: Record<string, string | undefined> };

// The gateway serves dist/ at `/` with an SPA fallback to index.html. In development (`npm run dev -w @anvil/web`)
// Vite proxies the API to the gateway: ANVIL_WEB_API_URL, default http://127.0.0.1:8080 (`npm run up`'s HAProxy).
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    strictPort: false,
    proxy: { '/api': { target: process.env.ANVIL_WEB_API_URL ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
