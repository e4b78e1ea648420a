import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/** Baked into the build: where weapp and RN find the API (H5 defaults to its own origin). */
const apiUrl = process.env.TARO_APP_API_URL ?? '';

export default defineConfig<'webpack5'>((merge) => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'xiaojia',
    date: '2026-11-20',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per target so the three builds never overwrite each other.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    env: { TARO_APP_API_URL: JSON.stringify(apiUrl) },
    framework: 'react',
    // Dev-mode dependency prebundling breaks under pnpm's symlinked node_modules (webpack-virtual-modules).
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // Plain progress lines instead of an animated bar: the builds mostly run in CI logs.
    logger: { quiet: true, stats: false },
    // Taro's H5 default quotes every key, which turns the native private fields of TanStack Query's
    // classes (`#t`) into invalid `#"t"`; the browsers we target need no quoted keys.
    terser: { enable: true, config: { output: { quote_keys: false } } },
    mini: {
      postcss: { pxtransform: { enable: true, config: {} } },
      webpackChain(chain, webpack) {
        // The mini-program runtime has no AbortController and @trpc/client creates one per request. An
        // absolute path: under pnpm a bare name would be resolved from inside @trpc/client and fail.
        // Nor btoa, which thumbhash's PNG step calls (src/lib/placeholder.ts): a global set at run time
        // may not reach other modules there, so the build hands them this one.
        chain.plugin('provide-missing-globals').use(webpack.ProvidePlugin, [
          {
            AbortController: [require.resolve('abortcontroller-polyfill/dist/cjs-ponyfill'), 'AbortController'],
            btoa: [path.resolve(__dirname, '../src/lib/base64.ts'), 'portableBtoa'],
          },
        ]);
      },
    },
    h5: {
      webpackChain(chain) {
        // Taro splits only initial chunks, so every page chunk carried its own zod schemas and Taro
        // components; splitting page chunks too moves what pages share into chunks loaded once.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: { autoprefixer: { enable: true, config: {} } },
      devServer: {
        port: 10086,
        // `pnpm dev:h5` talks to a local API (`pnpm --filter @xiaojia/api dev`) as if same-origin.
        proxy: [{ context: ['/trpc'], target: process.env.XIAOJIA_DEV_API ?? 'http://127.0.0.1:3000' }],
      },
    },
    rn: {
      appName: 'xiaojia',
      output: {
        android: path.join('dist', 'rn', 'index.bundle'),
        androidAssetsDest: path.join('dist', 'rn', 'assets'),
        ios: path.join('dist', 'rn', 'ios', 'main.jsbundle'),
        iosAssetsDest: path.join('dist', 'rn', 'ios', 'assets'),
      },
      // No CSS variables on RN: config/rn-transformer.js (metro.config.js) compiles each stylesheet twice,
      // resolving var() against theme.css's light and then its dark palette.
      postcss: { cssModules: { enable: false } },
    },
  };
  return merge({}, config);
});
