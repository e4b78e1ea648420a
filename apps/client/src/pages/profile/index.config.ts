export default definePageConfig({
  navigationBarTitleText: '主页',
  onReachBottomDistance: 600,
});
