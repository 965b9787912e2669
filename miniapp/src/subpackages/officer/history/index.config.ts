export default definePageConfig({
  navigationBarTitleText: '今日记录',
  enablePullDownRefresh: true,
});
