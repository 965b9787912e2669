export default definePageConfig({
  navigationBarTitleText: '需求详情',
  enablePullDownRefresh: true,
});
