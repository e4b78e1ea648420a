export default definePageConfig({
  navigationBarTitleText: '作品',
  onReachBottomDistance: 400,
  enableShareAppMessage: true,
});
