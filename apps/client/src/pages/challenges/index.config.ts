export default definePageConfig({ navigationBarTitleText: '摄影挑战' });
