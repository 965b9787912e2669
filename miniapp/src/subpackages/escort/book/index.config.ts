export default definePageConfig({
  navigationBarTitleText: '预约陪护',
});
