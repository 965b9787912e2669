import { roles } from '@jiefang/contracts';
import { commonEntries, entriesForRoles, featureIds, featuresByRole } from './entries';
import { t } from '../i18n';

describe('entriesForRoles', () => {
  it('gives a resident 随手拍, 我的上报, 预约陪护, 我的预约 and 绑定住户', () => {
    const [resident] = entriesForRoles(['resident']);
    expect(resident?.role).toBe('resident');
    expect(resident?.features.map((f) => t(`entry.${f.id}.title`))).toEqual([
      '随手拍',
      '我的上报',
      '预约陪护',
      '我的预约',
      '绑定住户',
    ]);
  });

  it('links the escort entries to the escort subpackage: booking for residents, tasks for volunteers', () => {
    const [resident] = entriesForRoles(['resident']);
    expect(resident?.features.slice(2, 4)).toEqual([
      { id: 'escort.book', path: '/subpackages/escort/book/index', available: true },
      { id: 'escort.mine', path: '/subpackages/escort/mine/index', available: true },
    ]);
    const [volunteer] = entriesForRoles(['volunteer']);
    expect(volunteer?.features.map((f) => t(`entry.${f.id}.title`))).toEqual([
      '待接单',
      '今日安排',
      '我的时长',
    ]);
    expect(volunteer?.features.map((f) => f.path)).toEqual([
      '/subpackages/escort/open/index',
      '/subpackages/escort/today/index',
      '/subpackages/escort/hours/index',
    ]);
    expect(volunteer?.features.every((f) => f.available)).toBe(true);
  });

  it('shows one entry per role held, in the canonical order, without duplicates or unknown roles', () => {
    const entries = entriesForRoles(['admin', 'resident', 'officer', 'resident', 'mayor']);
    expect(entries.map((e) => e.role)).toEqual(['resident', 'officer', 'admin']);
    expect(entries[1]?.features.map((f) => f.id)).toEqual(['enforcement.tickets', 'enforcement.history']);
    expect(entries[2]?.features.map((f) => f.id)).toEqual(['dispatch.center']);
  });

  it('maps every role to at least one feature', () => {
    for (const role of roles) expect(featuresByRole[role].length).toBeGreaterThan(0);
    expect(entriesForRoles([...roles])).toHaveLength(roles.length);
  });

  it('links officers to 执法工单 and 今日记录, squad leaders also to 中队看板, in the officer subpackage', () => {
    const [officer, leader] = entriesForRoles(['officer', 'squad_leader']);
    expect(officer?.features).toEqual([
      { id: 'enforcement.tickets', path: '/subpackages/officer/duty/index', available: true },
      { id: 'enforcement.history', path: '/subpackages/officer/history/index', available: true },
    ]);
    expect(leader?.features.map((f) => [t(`entry.${f.id}.title`), f.path])).toEqual([
      ['中队看板', '/subpackages/officer/squad/index'],
      ['执法工单', '/subpackages/officer/duty/index'],
      ['今日记录', '/subpackages/officer/history/index'],
    ]);
    expect(entriesForRoles(['resident'])[0]?.features.map((f) => f.id)).not.toContain('squad.board');
  });

  it('links a property owner to 屋主告警 in the devices subpackage', () => {
    const [owner] = entriesForRoles(['property_owner']);
    expect(owner?.features).toEqual([
      { id: 'charging.alerts', path: '/subpackages/devices/owner/index', available: true },
    ]);
    expect(t('entry.charging.alerts.title')).toBe('屋主告警');
    expect(entriesForRoles(['resident'])[0]?.features.at(-1)).toEqual({
      id: 'household.bind',
      path: '/subpackages/devices/bind/index',
      available: true,
    });
    expect(entriesForRoles(['resident'])[0]?.features.map((f) => f.id)).not.toContain('charging.alerts');
  });

  it('gives everyone signed in 消息 and 身边噪音, whatever the roles, outside the role cards', () => {
    expect(commonEntries()).toEqual([
      { id: 'messages.inbox', path: '/subpackages/messages/index', available: true },
      { id: 'noise.nearby', path: '/subpackages/devices/noise/index', available: true },
    ]);
    expect(t('entry.messages.inbox.title')).toBe('消息');
    expect(t('entry.noise.nearby.title')).toBe('身边噪音');
    expect(commonEntries({})).toEqual([
      { id: 'messages.inbox', path: undefined, available: false },
      { id: 'noise.nearby', path: undefined, available: false },
    ]);
    for (const role of roles) {
      expect(featuresByRole[role]).not.toContain('noise.nearby');
      expect(featuresByRole[role]).not.toContain('messages.inbox');
    }
  });

  it('marks a feature without a page as not available (即将上线) and one with a page as available', () => {
    const [volunteer] = entriesForRoles(['volunteer'], {});
    expect(volunteer?.features[0]).toEqual({ id: 'escort.open', path: undefined, available: false });
    const [resident] = entriesForRoles(['resident'], { 'report.create': '/subpackages/report/create' });
    expect(resident?.features[0]).toEqual({
      id: 'report.create',
      path: '/subpackages/report/create',
      available: true,
    });
    expect(resident?.features[1]?.available).toBe(false);
  });

  it('links a resident to the 随手拍 pages in the report subpackage', () => {
    const [resident] = entriesForRoles(['resident']);
    expect(resident?.features.slice(0, 2)).toEqual([
      { id: 'report.create', path: '/subpackages/report/create/index', available: true },
      { id: 'report.mine', path: '/subpackages/report/mine/index', available: true },
    ]);
  });

  it('has a title and a description for every feature', () => {
    for (const id of featureIds) {
      expect(t(`entry.${id}.title`)).not.toBe('');
      expect(t(`entry.${id}.desc`)).not.toBe('');
    }
  });

  it('returns nothing for no roles (the page shows its empty state)', () => {
    expect(entriesForRoles([])).toEqual([]);
  });
});
