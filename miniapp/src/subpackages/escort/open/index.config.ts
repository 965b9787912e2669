export default definePageConfig({
  navigationBarTitleText: '待接单',
  enablePullDownRefresh: true,
});
