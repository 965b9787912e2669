export default definePageConfig({
  navigationBarTitleText: '街坊',
  enablePullDownRefresh: true,
});
