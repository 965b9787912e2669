export default defineAppConfig({
  pages: ['pages/home/index', 'pages/login/index'],
  // Feature pages live in subpackages so that the main package stays well under WeChat's 2 MB.
  subPackages: [
    {
      root: 'subpackages/report',
      pages: ['create/index', 'result/index', 'mine/index', 'detail/index'],
    },
    {
      root: 'subpackages/devices',
      pages: ['noise/index', 'owner/index', 'bind/index'],
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
    {
      // 我的数据: what is held about the user, its export, and 注销账号.
      root: 'subpackages/me',
      pages: ['data/index'],
    },
    {
      // 执法工单 (officers on duty) and 中队看板 (squad leaders).
      root: 'subpackages/officer',
      pages: ['duty/index', 'task/index', 'history/index', 'squad/index'],
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
  // position and an elder's home (GPS or map). 执法工单 follows an officer on duty: continuous updates,
  // in the background when allowed (scope.userLocationBackground), else while the app is open.
  requiredPrivateInfos: [
    'getLocation',
    'chooseLocation',
    'startLocationUpdate',
    'startLocationUpdateBackground',
    'onLocationChange',
  ],
  requiredBackgroundModes: ['location'],
  permission: {
    'scope.userLocation': {
      desc: '用于随手拍上报问题位置、查看身边的噪音、陪护签到、紧急求助，以及执法队员在岗时就近派单',
    },
  },
});
