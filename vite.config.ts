import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const server = "http://127.0.0.1:3000";

// The web app lives in src/web; the server serves dist/web (see src/server/app.ts WEB_DIR).
export default defineConfig({
  root: "src/web",
  base: "/",
  plugins: [react()],
  server: {
    proxy: {
      "/api": server,
      "/t": server,
    },
  },
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Two pages: the office app, and the station manager's phone app (/station), which loads
      // neither Ant Design nor echarts.
      input: {
        main: fileURLToPath(new URL("src/web/index.html", import.meta.url)),
        station: fileURLToPath(new URL("src/web/station/index.html", import.meta.url)),
      },
      output: {
        // Long-lived vendor chunks; echarts stays out of the first load (only the chart imports it).
        codeSplitting: {
          groups: [
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
              priority: 20,
            },
            {
              name: "antd",
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
