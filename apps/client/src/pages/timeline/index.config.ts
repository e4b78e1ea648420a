export default definePageConfig({
  navigationBarTitleText: '时间线',
  enablePullDownRefresh: true,
  // Start the next page well before the end, so scrolling rarely waits.
  onReachBottomDistance: 600,
});
