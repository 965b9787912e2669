import { describe, expect, it, vi } from 'vitest';
import { alertChannel, alertText, createAlertDelivery, type PermissionState } from './alertDelivery';
import type { StaffAlert } from './alertRules';
import { tonesFor } from './alertSound';

const breach: StaffAlert = {
  key: 'ticket:T-1:sla_breached:x',
  kind: 'sla_breached',
  subject: '占道经营',
  place: '广州塔南广场',
  path: '/tickets',
  urgent: true,
};

function harness(permission: PermissionState, wanted: boolean, soundOn = true, systemWorks = true) {
  const deps = {
    permission: () => permission,
    wanted: () => wanted,
    soundOn: () => soundOn,
    showSystem: vi.fn(() => systemWorks),
    showInPage: vi.fn(),
    playSound: vi.fn(),
  };
  return { deps, delivery: createAlertDelivery(deps) };
}

describe('where an alert shows', () => {
  it('uses the system notification only when asked for and allowed', () => {
    expect(alertChannel('granted', true)).toBe('system');
    expect(alertChannel('granted', false)).toBe('page');
    expect(alertChannel('denied', true)).toBe('page');
    expect(alertChannel('default', true)).toBe('page');
    expect(alertChannel('unsupported', true)).toBe('page');
  });

  it('falls back to the page when permission is denied, with the sound', () => {
    const { deps, delivery } = harness('denied', true);
    expect(delivery.deliver(breach)).toBe('page');
    expect(deps.showSystem).not.toHaveBeenCalled();
    expect(deps.showInPage).toHaveBeenCalledWith(breach, {
      title: '工单已超时',
      body: '占道经营：广州塔南广场',
    });
    expect(deps.playSound).toHaveBeenCalledWith(true);
  });

  it('shows a system notification when granted, and the page when the browser still would not', () => {
    const granted = harness('granted', true);
    expect(granted.delivery.deliver(breach)).toBe('system');
    expect(granted.deps.showInPage).not.toHaveBeenCalled();
    const refused = harness('granted', true, true, false);
    expect(refused.delivery.deliver(breach)).toBe('page');
    expect(refused.deps.showInPage).toHaveBeenCalledTimes(1);
  });

  it('stays silent with the sound turned off', () => {
    const { deps, delivery } = harness('denied', false, false);
    delivery.deliver(breach);
    expect(deps.playSound).not.toHaveBeenCalled();
  });

  it('words smoke alarms and alerts without a place', () => {
    expect(
      alertText({ ...breach, kind: 'smoke_alarm', subject: '赤岗北路 8 号', place: '赤岗街道' }),
    ).toEqual({
      title: '烟雾告警',
      body: '赤岗北路 8 号（赤岗街道）探测到烟雾，请立即处置',
    });
    expect(alertText({ ...breach, kind: 'manual_dispatch', place: '' }).body).toBe('占道经营');
  });

  it('rings a short pair of tones, three pairs when urgent', () => {
    expect(tonesFor(false)).toHaveLength(2);
    expect(tonesFor(true)).toHaveLength(6);
    const last = tonesFor(true).at(-1)!;
    expect(last.startS + last.durationS).toBeLessThan(2);
  });
});
