// Metro for `taro build --type rn`: Taro's transformer and resolver on top of React Native's defaults.
const path = require('node:path');
const { getDefaultConfig, mergeConfig } = require('@react-native/metro-config');
const { getMetroConfig } = require('@tarojs/rn-supporter');

const repoRoot = path.resolve(__dirname, '../..');

/** pnpm links workspace packages and dependencies from outside this folder: let Metro see and follow them. */
const workspace = {
  watchFolders: [repoRoot],
  resolver: {
    unstable_enableSymlinks: true,
    nodeModulesPaths: [path.join(__dirname, 'node_modules'), path.join(repoRoot, 'node_modules')],
  },
};

/** Taro's transformer, with stylesheets compiled for the light and the dark colour scheme. */
const themedStyles = { transformer: { babelTransformerPath: require.resolve('./config/rn-transformer') } };

module.exports = (async () =>
  mergeConfig(getDefaultConfig(__dirname), await getMetroConfig(), workspace, themedStyles))();
