/** Simplified Chinese messages of the login page. */
export const loginMessages = {
  'login.title': '登录街坊',
  'login.devNotice': '开发登录：仅用于测试环境，选择身份即可进入',
  'login.name.label': '姓名',
  'login.name.placeholder': '请输入姓名',
  'login.role.label': '身份',
  'login.street.label': '所属街道',
  'login.street.optional': '（可不选）',
  'login.street.none': '不指定',
  'login.street.loading': '正在加载街道…',
  'login.street.loadFailed': '街道列表加载失败',
  'login.street.retry': '重新加载',
  'login.submit': '登录',
  'login.wechat.submit': '微信一键登录',
  'login.wechat.hint': '使用微信身份登录，首次登录将以居民身份进入',
  'login.error.nameRequired': '请填写姓名',
  'login.error.streetRequired': '请选择所属街道',
} as const satisfies Record<`login.${string}`, string>;
