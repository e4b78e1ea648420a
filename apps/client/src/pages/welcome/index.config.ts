export default definePageConfig({ navigationBarTitleText: '小家', navigationStyle: 'default' });
