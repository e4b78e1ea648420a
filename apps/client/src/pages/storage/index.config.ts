export default definePageConfig({ navigationBarTitleText: '存储设置' });
