export default definePageConfig({
  navigationBarTitleText: '发布到发现',
});
