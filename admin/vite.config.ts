/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The BFF listens here in development (`npm run dev:bff`); BFF_URL points the dev server at another one.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const bff = env.BFF_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  // The BFF serves the built app under /admin/.
  base: '/admin/',
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: bff, changeOrigin: true },
      '/readyz': { target: bff, changeOrigin: true },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: bff, changeOrigin: true },
      '/readyz': { target: bff, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd and its building blocks (rc-*, @ant-design/*) are two cacheable chunks of under 800 kB each.
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod 4 ships a `@__PURE__` comment Rollup cannot place; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
      output: {
        // Keep the large, rarely changing libraries in their own cacheable chunks.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          // antd depends on its building blocks, never the other way round: two chunks, no cycle.
          if (/node_modules\/(rc-[^/]+|@rc-component|@ant-design)\//.test(id)) return 'antd-base';
          if (/node_modules\/antd\//.test(id)) return 'antd';
          // The dashboard's charts: only its pages use them, and they change on their own schedule.
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          if (
            /node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@remix-run)\//.test(id)
          ) {
            return 'react';
          }
          return 'vendor';
        },
      },
    },
  },
  test: {
    environment: 'node',
    // Pure logic runs in node; component tests (`*.test.tsx`) opt in to jsdom with a file comment.
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
