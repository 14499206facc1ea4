// Builds the map client (client/) into dist/client, which the hub serves at /; nothing is fetched from a CDN.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig(({ command, mode }) => {
  // `vite build` run from a test runner inherits NODE_ENV=test, which Vite keeps: React's development build (jsxDEV,
  // checks, owner stacks) would then be served and measured. A production-mode build is a production build.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return {
    root: 'client',
    base: '/',
    plugins: [react()],
    build: {
      outDir: '../dist/client',
      emptyOutDir: true,
      chunkSizeWarningLimit: 2500,
      rolldownOptions: {
        // GraphiQL's react-compiler-runtime opens with "use no memo"; bundling drops it harmlessly, so say nothing.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
          handler(level, log);
        },
      },
    },
    server: {
      proxy: { '/graphql': 'http://localhost:4000', '/tiles': 'http://localhost:4000', '/api': 'http://localhost:4000' },
    },
  };
});
