export default definePageConfig({
  navigationBarTitleText: '身边噪音',
  enablePullDownRefresh: true,
});
