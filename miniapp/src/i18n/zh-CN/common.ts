/** Simplified Chinese messages shared by every feature: app name, roles, large text, relative times, errors. */
export const commonMessages = {
  'common.loadFailed': '加载失败',
  'common.retry': '重试',

  'app.name': '街坊',
  'app.slogan': '邻里事，随手办',

  'role.resident': '居民',
  'role.volunteer': '志愿者',
  'role.property_owner': '屋主/房东',
  'role.community_worker': '社区工作者',
  'role.officer': '城管队员',
  'role.squad_leader': '中队长',
  'role.dispatcher': '调度员',
  'role.admin': '管理员',

  'time.today': '今天 {time}',
  'time.yesterday': '昨天 {time}',
  'time.monthDay': '{month}月{day}日 {time}',
  'time.full': '{year}年{month}月{day}日 {time}',

  'largeText.label': '大字模式',
  'largeText.on': '已开启',
  'largeText.off': '已关闭',

  'error.network': '网络连接失败，请检查网络后重试',
  'error.badResponse': '服务器返回了无法识别的数据，请稍后再试',
  'error.server': '服务器出错了，请稍后再试',
  'error.sessionExpired': '登录已失效，请重新登录',
  'error.unknown': '出错了，请稍后再试',
  'error.wechatLogin': '微信登录失败，请重试',
} as const satisfies Record<
  | `common.${string}`
  | `app.${string}`
  | `role.${string}`
  | `largeText.${string}`
  | `time.${string}`
  | `error.${string}`,
  string
>;
