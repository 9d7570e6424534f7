import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The enums and labels shared with the server (src/shared), as in web/tsconfig.json's paths.
  resolve: { alias: { '@shared': `${import.meta.dirname}/../src/shared` } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The framework in a chunk of its own stays cached across releases of the app code.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack)[\\/]/ }],
        },
      },
    },
  },
  server: {
    // Keep the browser's Host header: the server refuses writes whose Origin differs from Host (CSRF check).
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
