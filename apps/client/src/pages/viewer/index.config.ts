export default definePageConfig({ navigationBarTitleText: '小家' });
