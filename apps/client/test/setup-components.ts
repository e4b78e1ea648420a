import { defineCustomElements } from '@tarojs/components/loader';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';

// Registers Taro's H5 web components (taro-view-core, taro-input-core, ...) in jsdom, as the H5 app does
// (the build-time tests under config/ run in plain Node). Stencil then announces 'appload' from a timer:
// waiting for it keeps that timer from firing into the closed window of a test file that ended quickly.
if (typeof window !== 'undefined') {
  const loaded = new Promise((resolve) => window.addEventListener('appload', resolve, { once: true }));
  await defineCustomElements(window);
  await loaded;
}

// Each build binds Taro's platform APIs (H5 turns `Taro.x()` into imports from taro-h5), so the bare Taro
// object here has none. Pages set their title as they render: it lands in the document title, as on H5,
// where tests can read it.
Taro.setNavigationBarTitle = async ({ title }) => {
  document.title = title;
  return { errMsg: 'setNavigationBarTitle:ok' };
};
// and paint their navigation bar in the colour scheme's colours (tests spy on it).
Taro.setNavigationBarColor = async () => ({ errMsg: 'setNavigationBarColor:ok' });

// Page lifecycle hooks come from Taro's page wrapper, which tests do not have: a rendered screen is the
// page in front, shown once as it mounts and never hidden.
Object.assign(Taro, {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, as the page shows
  useDidShow: (onShow: () => void) => useEffect(() => onShow(), []),
  useDidHide: () => undefined,
});
