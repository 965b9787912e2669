import { QueryClient } from '@tanstack/react-query';
import { type Alarm, type AlarmList } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { makeAlarm, makeChargingAlarm } from '../test/alarms';
import {
  alarmQuery,
  canAcknowledge,
  canClear,
  canSendWarning,
  consoleOrder,
  isAlarmNewer,
  matchesAlarmFilters,
  mergeAlarmIntoList,
  parseAlarmFilters,
  statusParam,
  worstSeverity,
  type AlarmFilters,
} from './alarmCache';
import { applyAlarmUpdate } from './applyAlarm';
import { alarmKeys, deviceKeys } from './queryKeys';

const list = (...items: Alarm[]): AlarmList => ({ items, total: items.length });
const acknowledged = (alarm: Alarm): Alarm => ({
  ...alarm,
  status: 'acknowledged',
  acknowledgedAt: '2030-01-01T12:05:00.000Z',
  timeline: [
    ...alarm.timeline,
    {
      at: '2030-01-01T12:05:00.000Z',
      action: 'acknowledged',
      actor: { id: 'u1', name: '李队长' },
      note: null,
    },
  ],
});
const cleared = (alarm: Alarm): Alarm => ({
  ...acknowledged(alarm),
  status: 'cleared',
  clearedAt: '2030-01-01T12:20:00.000Z',
  timeline: [
    ...acknowledged(alarm).timeline,
    {
      at: '2030-01-01T12:20:00.000Z',
      action: 'cleared',
      actor: { id: 'u1', name: '李队长' },
      note: '已劝离',
    },
  ],
});

describe('parseAlarmFilters', () => {
  it('shows open alarms when the URL names no status, or only unknown ones', () => {
    expect(parseAlarmFilters(new URLSearchParams(''))).toEqual({ status: ['active', 'acknowledged'] });
    expect(parseAlarmFilters(new URLSearchParams('status=bogus'))).toEqual({
      status: ['active', 'acknowledged'],
    });
  });

  it('reads type, street and a comma list of statuses in contract order; `all` means every status', () => {
    expect(
      parseAlarmFilters(new URLSearchParams('type=smoke&street=huazhou&status=cleared,active,x')),
    ).toEqual({
      type: 'smoke',
      street: 'huazhou',
      status: ['active', 'cleared'],
    });
    expect(parseAlarmFilters(new URLSearchParams('status=all&type=nope'))).toEqual({});
  });

  it('writes the status choice back, with none or all three as `all`', () => {
    expect(statusParam(['cleared', 'active'])).toBe('active,cleared');
    expect(statusParam([])).toBe('all');
    expect(statusParam(['acknowledged', 'active', 'cleared'])).toBe('all');
  });

  it('builds the list query the BFF expects', () => {
    const query = new URLSearchParams(
      alarmQuery({ type: 'noise_exceeded', status: ['active', 'acknowledged'], street: '华洲街道' }, 200),
    );
    expect(Object.fromEntries(query)).toEqual({
      limit: '200',
      type: 'noise_exceeded',
      status: 'active,acknowledged',
      street: '华洲街道',
    });
    expect(alarmQuery({}, 50)).toBe('limit=50');
  });
});

describe('matchesAlarmFilters', () => {
  it('matches type, any of the statuses, the street by id or name, and the device', () => {
    const alarm = makeAlarm();
    expect(matchesAlarmFilters(alarm, {})).toBe(true);
    expect(matchesAlarmFilters(alarm, { type: 'noise_exceeded', status: ['active'] })).toBe(true);
    expect(matchesAlarmFilters(alarm, { type: 'smoke' })).toBe(false);
    expect(matchesAlarmFilters(alarm, { status: ['acknowledged', 'cleared'] })).toBe(false);
    expect(matchesAlarmFilters(alarm, { status: [] })).toBe(true);
    expect(matchesAlarmFilters(alarm, { street: 'jiangnanzhong' })).toBe(true);
    expect(matchesAlarmFilters(alarm, { street: '江南中街道' })).toBe(true);
    expect(matchesAlarmFilters(alarm, { street: 'huazhou' })).toBe(false);
    expect(matchesAlarmFilters(alarm, { deviceId: 'other' })).toBe(false);
  });
});

describe('isAlarmNewer', () => {
  const alarm = makeAlarm();

  it('lets a lifecycle only move forward', () => {
    expect(isAlarmNewer(undefined, alarm)).toBe(true);
    expect(isAlarmNewer(alarm, acknowledged(alarm))).toBe(true);
    expect(isAlarmNewer(acknowledged(alarm), alarm)).toBe(false);
    expect(isAlarmNewer(cleared(alarm), acknowledged(alarm))).toBe(false);
    expect(isAlarmNewer(alarm, alarm)).toBe(true);
  });

  it('counts repeated detections and a warning’s answer as progress', () => {
    const repeated = { ...alarm, count: 3, lastDetectedAt: '2030-01-01T12:03:00.000Z' };
    expect(isAlarmNewer(alarm, repeated)).toBe(true);
    expect(isAlarmNewer(repeated, alarm)).toBe(false);
    const sent = {
      ...alarm,
      warnings: [
        {
          messageId: 'w-1',
          sentAt: '2030-01-01T12:01:00.000Z',
          automatic: true,
          text: null,
          ackAt: null,
          ok: null,
        },
      ],
    };
    const answered = {
      ...sent,
      warnings: [{ ...sent.warnings[0]!, ackAt: '2030-01-01T12:01:02.000Z', ok: true }],
    };
    expect(isAlarmNewer(sent, answered)).toBe(true);
    expect(isAlarmNewer(answered, sent)).toBe(false);
  });
});

describe('mergeAlarmIntoList', () => {
  const older = makeAlarm({ id: 'A', openedAt: '2030-01-01T11:00:00.000Z' });
  const newer = makeAlarm({ id: 'C', openedAt: '2030-01-01T13:00:00.000Z' });
  const open: AlarmFilters = { status: ['active', 'acknowledged'] };

  it('replaces an alarm in place with a newer copy', () => {
    const page = list(newer, older);
    const merged = mergeAlarmIntoList(page, acknowledged(older), open);
    expect(merged.items.map((item) => [item.id, item.status])).toEqual([
      ['C', 'active'],
      ['A', 'acknowledged'],
    ]);
    expect(merged.total).toBe(2);
  });

  it('ignores a stale copy and returns the same list', () => {
    const page = list(acknowledged(older));
    expect(mergeAlarmIntoList(page, older, open)).toBe(page);
  });

  it('adds a new alarm that matches, newest first, and counts it', () => {
    const page = { items: [newer, older], total: 9 };
    const middle = makeAlarm({ id: 'B', openedAt: '2030-01-01T12:00:00.000Z' });
    const merged = mergeAlarmIntoList(page, middle, open);
    expect(merged.items.map((item) => item.id)).toEqual(['C', 'B', 'A']);
    expect(merged.total).toBe(10);
  });

  it('drops an alarm cleared while only open ones are shown, and ignores one that never matched', () => {
    const page = list(newer, older);
    const merged = mergeAlarmIntoList(page, cleared(older), open);
    expect(merged.items.map((item) => item.id)).toEqual(['C']);
    expect(merged.total).toBe(1);
    const other = makeChargingAlarm();
    expect(mergeAlarmIntoList(page, other, { type: 'noise_exceeded' })).toBe(page);
  });
});

describe('consoleOrder', () => {
  it('puts unhandled first, then the most severe, then the latest detection', () => {
    const minorLate = makeAlarm({
      id: 'minor',
      severity: 'minor',
      lastDetectedAt: '2030-01-01T13:00:00.000Z',
    });
    const majorEarly = makeAlarm({ id: 'major', severity: 'major' });
    const majorLate = makeAlarm({
      id: 'major2',
      severity: 'major',
      lastDetectedAt: '2030-01-01T12:30:00.000Z',
    });
    const critical = makeChargingAlarm({ id: 'critical' });
    const acked = acknowledged(makeChargingAlarm({ id: 'acked' }));
    const done = cleared(makeChargingAlarm({ id: 'done' }));
    const sorted = [done, minorLate, acked, majorEarly, critical, majorLate].sort(consoleOrder);
    expect(sorted.map((alarm) => alarm.id)).toEqual([
      'critical',
      'major2',
      'major',
      'minor',
      'acked',
      'done',
    ]);
    expect(worstSeverity(sorted)).toBe('critical');
    expect(worstSeverity([])).toBeNull();
  });
});

describe('allowed actions', () => {
  it('acknowledges active alarms, clears open ones, and warns by speaker only at noise meters', () => {
    const noise = makeAlarm();
    expect([canAcknowledge(noise), canClear(noise), canSendWarning(noise)]).toEqual([true, true, true]);
    const acked = acknowledged(noise);
    expect([canAcknowledge(acked), canClear(acked), canSendWarning(acked)]).toEqual([false, true, true]);
    const done = cleared(noise);
    expect([canAcknowledge(done), canClear(done), canSendWarning(done)]).toEqual([false, false, false]);
    expect(canSendWarning(makeChargingAlarm())).toBe(false);
  });
});

describe('applyAlarmUpdate', () => {
  it('merges a live alarm into the detail and every cached list by its filters', () => {
    const client = new QueryClient();
    const alarm = makeAlarm();
    const openFilters: AlarmFilters = { status: ['active', 'acknowledged'] };
    const activeOnly: AlarmFilters = { status: ['active'] };
    const chargingOnly: AlarmFilters = { type: 'indoor_charging' };
    client.setQueryData(alarmKeys.detail(alarm.id), alarm);
    client.setQueryData(alarmKeys.list(openFilters), list(alarm));
    client.setQueryData(alarmKeys.list(activeOnly), list(alarm));
    const charging = list(makeChargingAlarm());
    client.setQueryData(alarmKeys.list(chargingOnly), charging);

    const next = acknowledged(alarm);
    applyAlarmUpdate(client, next);

    expect(client.getQueryData<Alarm>(alarmKeys.detail(alarm.id))?.status).toBe('acknowledged');
    expect(client.getQueryData<AlarmList>(alarmKeys.list(openFilters))?.items[0]?.status).toBe(
      'acknowledged',
    );
    expect(client.getQueryData<AlarmList>(alarmKeys.list(activeOnly))?.items).toEqual([]);
    expect(client.getQueryData<AlarmList>(alarmKeys.list(chargingOnly))).toBe(charging);

    // A late, older copy changes nothing.
    applyAlarmUpdate(client, alarm);
    expect(client.getQueryData<Alarm>(alarmKeys.detail(alarm.id))?.status).toBe('acknowledged');
  });

  it('adds a newly opened alarm to the lists it belongs to and refreshes devices when one goes offline', async () => {
    const client = new QueryClient();
    const filters: AlarmFilters = { status: ['active', 'acknowledged'] };
    client.setQueryData(alarmKeys.list(filters), list());
    let deviceFetches = 0;
    await client.prefetchQuery({
      queryKey: deviceKeys.list({}),
      queryFn: () => {
        deviceFetches += 1;
        return { items: [], total: 0 };
      },
    });
    const observer = client.getQueryCache().find({ queryKey: deviceKeys.list({}) });
    expect(observer).toBeDefined();

    const offline = makeAlarm({ id: 'O-1', type: 'offline', severity: 'minor', noise: null });
    applyAlarmUpdate(client, offline);
    expect(client.getQueryData<AlarmList>(alarmKeys.list(filters))?.items.map((item) => item.id)).toEqual([
      'O-1',
    ]);
    expect(client.getQueryState(deviceKeys.list({}))?.isInvalidated).toBe(true);
    expect(deviceFetches).toBe(1);
  });
});
