/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    // Hashed file names: CI uploads assets/ with a one-year cache and
    // index.html with no cache.
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    // In production CloudFront sends /api/* to the ALB; locally, to the
    // Flask API on its default port.
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/setupTests.ts'],
  },
});
