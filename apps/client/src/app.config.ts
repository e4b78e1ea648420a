export default defineAppConfig({
  pages: ['pages/home/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fffaf3',
    navigationBarTitleText: '小家',
    navigationBarTextStyle: 'black',
  },
});
