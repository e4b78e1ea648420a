export default definePageConfig({ navigationBarTitleText: '私信', enablePullDownRefresh: true });
