/** Browser notifications and their sound for dispatchers and officers. */
export const alerts = {
  'alerts.kind.new_assignment': '新工单，请尽快接单',
  'alerts.kind.manual_dispatch': '工单待人工派单',
  'alerts.kind.sla_warning': '工单即将超时',
  'alerts.kind.sla_breached': '工单已超时',
  'alerts.kind.smoke_alarm': '烟雾告警',
  'alerts.body.ticket': '{subject}：{place}',
  'alerts.body.ticketNoPlace': '{subject}',
  'alerts.body.smoke': '{subject}（{place}）探测到烟雾，请立即处置',
  'alerts.body.smokeNoPlace': '{subject} 探测到烟雾，请立即处置',
  'alerts.open': '查看',

  'alerts.settings': '提醒设置',
  'alerts.settings.title': '新工单与告警提醒',
  'alerts.settings.browser': '浏览器通知',
  'alerts.settings.browserHint': '页面在后台时也能收到系统通知',
  'alerts.settings.sound': '提醒声音',
  'alerts.settings.try': '试一下',
  'alerts.settings.denied':
    '浏览器已拒绝通知：提醒将显示在页面右上角。如需系统通知，请在浏览器的网站设置中允许通知。',
  'alerts.settings.unsupported': '此浏览器不支持系统通知：提醒将显示在页面右上角。',
  'alerts.settings.inPage': '提醒显示在页面右上角。',
  'alerts.settings.granted': '已开启系统通知。',
  'alerts.try.subject': '测试提醒',
  'alerts.try.place': '提醒工作正常',
} as const;
