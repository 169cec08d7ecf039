import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Served by the API under /console (same origin); in `npm run dev` the API's routes are proxied.
export default defineConfig({
  base: "/console/",
  plugins: [react()],
  resolve: {
    // The generated client, from its source: the console talks to the API only through it.
    alias: { "@cleanprepay/client": new URL("../typescript/src/index.ts", import.meta.url).pathname },
  },
  build: { outDir: "dist", sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { "/v1": process.env.CLEANPREPAY_API_URL ?? "http://localhost:5000", "/health": process.env.CLEANPREPAY_API_URL ?? "http://localhost:5000" } },
});
