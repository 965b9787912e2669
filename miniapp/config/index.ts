import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * The contracts workspace is linked into node_modules and its `main` is TypeScript source. Taro's babel rule
 * compiles only `src/` and Taro's own packages, so both the mini-program and the H5 builds are told to
 * compile it too (webpack resolves symlinks, so the real folder is what it sees). zod ships modern syntax
 * (`??`, `?.`) that older WeChat clients cannot run, so it goes through babel and the browserslist as well.
 */
const contractsDir = path.resolve(__dirname, '../../contracts');
const zodDir = path.dirname(require.resolve('zod/package.json'));
const compile = { include: [contractsDir, zodDir] };

/** In the mini-program the BFF is on another origin; the H5 build is served by the BFF itself under /h5/. */
const apiBase = process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000';

export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'jiefang-miniapp',
    date: '2025-01-01',
    // NutUI is drawn on a 375-wide design; our own styles on a 750-wide one.
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/') ?? '';
      return file.includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile,
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'chunk/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // Taro splits only initial chunks, so each lazily loaded page would carry its own copy of NutUI, zod and
      // our modules; sharing async chunks too keeps every page after the first small.
      webpackChain(chain) {
        const splitChunks = chain.optimization.get('splitChunks') as
          Record<string, unknown> | false | undefined;
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
        chain.performance.hints(false);
      },
      devServer: {
        port: 10086,
        proxy: [{ context: ['/api'], target: apiBase, changeOrigin: true }],
      },
    },
  };
  return config;
});
