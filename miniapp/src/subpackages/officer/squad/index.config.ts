export default definePageConfig({
  navigationBarTitleText: '中队看板',
  enablePullDownRefresh: true,
});
