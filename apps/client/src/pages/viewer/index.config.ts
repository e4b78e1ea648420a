export default definePageConfig({
  navigationBarTitleText: '',
  navigationBarBackgroundColor: '#000000',
  navigationBarTextStyle: 'white',
  backgroundColor: '#000000',
  // Horizontal swipes belong to the viewer, not to the page.
  disableScroll: true,
});
