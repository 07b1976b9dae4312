import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server the dev server forwards API and WebSocket traffic to (`npm start` at the root).
const apiTarget = process.env.TESSERA_DEV_API ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    // Size is reported by bench/web; compressing here would only slow the build.
    reportCompressedSize: false,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/ws': { target: apiTarget.replace(/^http/, 'ws'), ws: true },
    },
  },
});
