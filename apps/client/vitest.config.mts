import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    alias: [
      // The real H5 components (React wrappers of Taro's web components), as the H5 build uses them.
      { find: /^@tarojs\/components$/, replacement: require.resolve('@tarojs/components/lib/react') },
    ],
  },
  define: {
    'process.env.TARO_ENV': JSON.stringify('h5'),
    // Build switches Taro's runtime expects its bundler to define (Taro's own defaults).
    ENABLE_INNER_HTML: 'true',
    ENABLE_ADJACENT_HTML: 'true',
    ENABLE_SIZE_APIS: 'false',
    ENABLE_TEMPLATE_CONTENT: 'true',
    ENABLE_CLONE_NODE: 'true',
    ENABLE_CONTAINS: 'true',
    ENABLE_MUTATION_OBSERVER: 'false',
    DEPRECATED_ADAPTER_COMPONENT: 'false',
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['test/setup-components.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'config/**/*.test.js', 'scripts/**/*.test.mjs'],
    // Taro's component packages ship ESM with CSS imports: let vite transform them.
    server: { deps: { inline: [/@tarojs\/components/, /@tarojs\/taro-components-library-react/] } },
    css: false,
  },
});
