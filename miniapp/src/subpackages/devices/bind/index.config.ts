export default definePageConfig({
  navigationBarTitleText: '绑定住户',
});
