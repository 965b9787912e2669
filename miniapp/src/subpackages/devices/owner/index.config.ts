export default definePageConfig({
  navigationBarTitleText: '屋主告警',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
