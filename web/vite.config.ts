import { fileURLToPath, URL } from 'node:url'

import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { defineConfig } from 'vite'

// The C++ server serves web/dist under /console/ and falls back to index.html for unknown
// /console/* paths, so every asset URL is built below that base.
const apiTarget = process.env.HUIXING_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/console/',
  plugins: [
    vue(),
    // Element Plus components and their CSS are imported on demand, only where a template uses
    // them: the sign-in route must stay small. The generated declaration file is committed so
    // that `vue-tsc` (which runs before `vite build`) sees the same component types.
    Components({
      dts: 'src/components.d.ts',
      resolvers: [ElementPlusResolver({ importStyle: 'css', directives: true })],
    }),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/public': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    // dist/.vite/manifest.json: lets scripts/route-size.mjs measure what a route loads.
    manifest: true,
  },
})
