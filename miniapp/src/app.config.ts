export default defineAppConfig({
  pages: ['pages/home/index', 'pages/login/index'],
  // Feature pages live in subpackages so that the main package stays well under WeChat's 2 MB.
  subPackages: [
    {
      root: 'subpackages/report',
      pages: ['create/index', 'mine/index', 'detail/index'],
    },
    {
      root: 'subpackages/devices',
      pages: ['noise/index', 'owner/index'],
    },
    {
      // 陪依(医)计划: elder/family booking pages, then the volunteer's.
      root: 'subpackages/escort',
      pages: [
        'book/index',
        'mine/index',
        'detail/index',
        'register/index',
        'open/index',
        'task/index',
        'today/index',
        'hours/index',
      ],
    },
    {
      // 消息: every notification the user received.
      root: 'subpackages/messages',
      pages: ['index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '街坊',
    navigationBarTextStyle: 'black',
  },
  // 随手拍 needs the report's position (WGS-84) and, when GPS is refused, the map picker; 身边噪音 the
  // position too (it lists every site when refused); 陪护 the volunteer's check-in position, an SOS's
  // position and an elder's home (GPS or map).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于随手拍上报问题位置、查看身边的噪音、陪护签到和紧急求助' },
  },
});
