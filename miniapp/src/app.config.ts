export default defineAppConfig({
  pages: ['pages/home/index', 'pages/login/index'],
  // Feature pages live in subpackages so that the main package stays well under WeChat's 2 MB.
  subPackages: [
    {
      root: 'subpackages/report',
      pages: ['create/index', 'mine/index', 'detail/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '街坊',
    navigationBarTextStyle: 'black',
  },
  // 随手拍 needs the report's position (WGS-84) and, when GPS is refused, the map picker.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于随手拍上报问题所在的位置' },
  },
});
