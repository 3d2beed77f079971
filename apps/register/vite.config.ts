import { defineConfig } from "vite";
import wasm from "vite-plugin-wasm";
import { VitePWA } from "vite-plugin-pwa";

// Facts behind these settings: /work/shared/research/tooling.md §3 (automerge wasm: vite-plugin-wasm only,
// no top-level-await plugin) and §5 (the 3.6 MB wasm must be precached for an offline reload).
const THEME = "#0f766e";

export default defineConfig({
  // The relay serves the built app at /register/ on the same origin as /sync and /api.
  base: "/register/",
  plugins: [
    wasm(),
    VitePWA({
      strategies: "generateSW",
      registerType: "autoUpdate",
      injectRegister: "script",
      manifest: {
        name: "Kasa Register",
        short_name: "Kasa",
        description: "Kasa point of sale register: keeps selling offline.",
        start_url: "/register/",
        scope: "/register/",
        display: "standalone",
        orientation: "any",
        theme_color: THEME,
        background_color: "#f4f5f7",
        icons: [{ src: "icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
      },
      workbox: {
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        globPatterns: ["**/*.{js,css,html,wasm,svg,png,ico,webmanifest}"],
        // A reload while offline (any URL under /register/) gets the cached app shell.
        navigateFallback: "index.html",
        navigateFallbackAllowlist: [/^\/register\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  worker: { format: "es", plugins: () => [wasm()] },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1024 },
});
