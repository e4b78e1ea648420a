/** RN pages scroll in Taro's page ScrollView, driven by the same page events as the mini-program. */
export { type ElementBox, measureElement, scrollPageTo, usePageScrollTop, usePageShown } from './page-scroll.weapp';
