/** The district map (tickets, officers, devices). */
export const map = {
  'map.title': '辖区地图',
  'map.loadFailed': '辖区地图加载失败',
  'map.ticket': '工单位置',
  'map.officer': '在岗队员',
  'map.device': '设备位置',
  'map.outside': '该点不在任何街道辖区内',
  'map.offMap': '位置在地图范围之外，标在最近的边缘（方向示意）',
  'map.grid': '网格边界',
  'map.gridTitle': '{grid} · {street} · {squad}',
} as const;
