// Registers Taro's H5 web components (taro-view-core, taro-input-core, ...) in jsdom, as the H5 app does.
import { defineCustomElements } from '@tarojs/components/loader';

defineCustomElements(window);
