export default definePageConfig({
  navigationBarTitleText: '执法工单',
  enablePullDownRefresh: true,
});
