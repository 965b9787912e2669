import type { PersonalData } from '@jiefang/contracts';
import { canDeleteAccount, dataSections } from './sections';
import { exportFileName, headerOf } from './exportFile';

const data: PersonalData = {
  generatedAt: '2026-12-03T02:00:00.000Z',
  listLimit: 50,
  account: {
    id: 'u1',
    name: '李阿姨',
    roles: ['resident', 'volunteer'],
    createdAt: '2026-11-23T00:00:00.000Z',
    phone: null,
    streetId: null,
    signIns: [{ kind: 'wechat', key: 'oAbc…wxyz', createdAt: '2026-11-23T00:00:00.000Z' }],
  },
  reports: {
    total: 51,
    items: [
      {
        id: 't1',
        category: 'street_vending',
        categoryName: '占道经营',
        status: 'accepted',
        submittedAt: '2026-11-23T02:00:00.000Z',
        address: '赤岗路 1 号',
        description: '门口占道',
        location: { lat: 23.1066, lng: 113.3245 },
        anonymous: true,
        photoCount: 2,
        joined: true,
        rating: null,
      },
    ],
  },
  elders: { total: 0, items: [] },
  escorts: {
    total: 1,
    items: [
      {
        id: 'e1',
        as: 'booker',
        serviceType: 'home_visit',
        status: 'completed',
        elderName: '李婆婆',
        windowStart: '2026-11-25T02:00:00.000Z',
        windowEnd: '2026-11-25T04:00:00.000Z',
        pickupAddress: null,
        destination: null,
        hospital: null,
        notes: '按门铃',
        rating: null,
      },
    ],
  },
  volunteer: {
    realName: '李梅',
    phone: '13800001111',
    skills: ['wheelchair', 'cantonese'],
    streetId: 'chigang',
    radiusKm: 3,
    verified: true,
    registeredAt: '2026-11-23T00:00:00.000Z',
    servedMinutes: 95,
  },
  households: { total: 0, items: [] },
  notifications: {
    total: 1,
    items: [{ id: 'n1', template: 'ticket_assigned', createdAt: '2026-11-23T02:01:00.000Z', read: false }],
  },
  subscriptions: [],
  technical: [
    { kind: '上报频率限制计数', expiresInSeconds: 90 },
    { kind: '上报防重复提交记录（如有）', expiresInSeconds: 7 * 86_400 },
    { kind: '页面更新记录', expiresInSeconds: 86_400 },
  ],
};

describe('dataSections', () => {
  const sections = dataSections(data);
  const section = (id: string) => sections.find((item) => item.id === id)!;

  it('groups everything with Chinese labels, in a fixed order', () => {
    expect(sections.map((item) => item.title)).toEqual([
      '账号信息',
      '我的上报',
      '登记的老人',
      '陪护预约与服务',
      '志愿者资料',
      '名下房屋与设备',
      '收到的消息',
      '消息订阅',
      '临时技术记录',
    ]);
    expect(section('account').rows.map((row) => row.lines.join(' '))).toEqual([
      '李阿姨',
      '居民、志愿者',
      '2026-11-23 08:00',
      '无',
      '无',
      '微信（oAbc…wxyz）',
    ]);
  });

  it('says how many there are when a list shows only the newest', () => {
    expect(section('reports').count).toBe('共 51 条，显示最近 1 条（导出文件包含更多）');
    expect(section('escorts').count).toBe('共 1 条');
    expect(section('elders').rows).toEqual([]);
  });

  it('describes a report, an escort, the volunteer profile and a message in words', () => {
    expect(section('reports').rows[0]).toEqual({
      key: 't1',
      title: '占道经营 · 处理中',
      lines: [
        '2026-11-23 10:00',
        '赤岗路 1 号',
        '门口占道',
        '位置 23.10660, 113.32450',
        '照片 2 张',
        '我也遇到（加入他人上报）',
        '匿名上报',
      ],
    });
    expect(section('escorts').rows[0]?.title).toBe('上门探访 · 已完成');
    expect(section('escorts').rows[0]?.lines).toEqual(['我预约的 · 李婆婆', '2026-11-25 10:00', '按门铃']);
    expect(section('volunteer').rows.map((row) => row.lines[0])).toEqual([
      '李梅',
      '13800001111',
      '轮椅协助、粤语',
      'chigang 周边 3 公里',
      '是',
      '95 分钟',
    ]);
    expect(section('notifications').rows[0]?.lines).toEqual(['2026-11-23 10:01 · 未读']);
    expect(section('technical').rows.map((row) => row.lines[0])).toEqual([
      '2 分钟内自动删除',
      '7 天内自动删除',
      '24 小时内自动删除',
    ]);
  });

  it('lets residents, volunteers and owners delete their account, not staff', () => {
    expect(canDeleteAccount(data)).toBe(true);
    expect(canDeleteAccount({ account: { ...data.account, roles: ['officer'] } })).toBe(false);
  });
});

describe('export file', () => {
  it("takes the BFF's file name, or a safe default", () => {
    expect(exportFileName('attachment; filename="jiefang-my-data-20261203.json"')).toBe(
      'jiefang-my-data-20261203.json',
    );
    expect(exportFileName('attachment; filename="../../etc/passwd"')).toBe('jiefang-my-data.json');
    expect(exportFileName(undefined)).toBe('jiefang-my-data.json');
    expect(headerOf({ 'content-disposition': 'x' }, 'Content-Disposition')).toBe('x');
  });
});
