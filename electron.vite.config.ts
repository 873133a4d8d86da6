import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { APP_CSP, serializeCsp } from './electron/server/content-security-policy'

/**
 * Makes sure the built index.html carries the production CSP as a <meta>, so the page
 * carries it however it is loaded: from file:// in Electron (where no server
 * sends headers) or from `attest serve` (which also sends the header). Not in
 * dev, where the Vite server needs inline scripts and styles.
 */
function cspMeta(): Plugin {
  return {
    name: 'attest-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // The renderer's own index.html may already carry one (then both apply; the stricter wins).
      handler: (html) =>
        /http-equiv=["']?Content-Security-Policy/i.test(html)
          ? html
          : [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: serializeCsp(APP_CSP, { forMeta: true }) }, injectTo: 'head-prepend' }]
    }
  }
}

/**
 * In dev (`npm run dev`) the Vite server needs an inline React-refresh
 * preamble, injected <style>s and an HMR WebSocket, which a strict <meta> CSP
 * in index.html would block (a meta policy cannot be loosened by a header).
 * So dev serves the page without the meta; Electron main sends the dev
 * variant of the policy as a header instead (SECURITY_POLICY).
 */
function dropCspMetaInDev(): Plugin {
  return {
    name: 'attest-csp-meta-dev',
    apply: 'serve',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace(/<meta\s[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/gi, '')
    }
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Every package dependency stays external (better-sqlite3 is native,
      // pdfjs-dist loads its worker and data files from node_modules).
      externalizeDeps: true,
      // The PDF, HTML and core-host workers are entries of their own (out/main/pdf-worker.js,
      // html-worker.js, core-worker.js): worker threads load them by file name.
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          'pdf-worker': resolve(__dirname, 'electron/core/import/pdf-worker.ts'),
          'html-worker': resolve(__dirname, 'electron/core/import/html-worker.ts'),
          'core-worker': resolve(__dirname, 'electron/core/host/core-host-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages or load ES modules:
      // it must be one self-contained CommonJS file that requires only 'electron'.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true }
      }
    }
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), cspMeta(), dropCspMetaInDev()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') }
    }
  }
})
