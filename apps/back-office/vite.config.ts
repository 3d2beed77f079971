import { defineConfig } from "vite";

// The relay serves the built app under /back-office/ and its API under /api on the same origin.
// `pnpm dev` proxies /api to a running relay (KASA_RELAY_URL, default http://localhost:8091).
const relay = process.env.KASA_RELAY_URL ?? "http://localhost:8091";

export default defineConfig({
  base: "/back-office/",
  build: {
    target: "es2022",
    rollupOptions: {
      // @kasa/domain has no "sideEffects": false, so its top-level zod schemas would keep zod in
      // the bundle although the back office only uses formatMoney and types. Its modules are pure.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]packages[\\/]domain[\\/]src[\\/]/.test(id) },
    },
  },
  server: { proxy: { "/api": { target: relay, changeOrigin: false } } },
});
