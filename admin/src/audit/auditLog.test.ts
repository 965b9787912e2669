import { auditRedacted } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import {
  auditActionLabel,
  auditActions,
  auditFiltersFrom,
  auditSearchParams,
  auditTargetText,
  changeLines,
  isFiltered,
} from './auditLog';

describe('the audit log page’s filters', () => {
  it('reads the URL, dropping what is malformed', () => {
    expect(
      auditFiltersFrom(
        new URLSearchParams(
          'actor=%20李管理%20&action=ticket.assign&target=t-1&street=chigang&from=2026-12-01&to=2026-12-03&page=3',
        ),
      ),
    ).toEqual({
      actor: '李管理',
      action: 'ticket.assign',
      target: 't-1',
      street: 'chigang',
      from: '2026-12-01',
      to: '2026-12-03',
      page: 3,
    });
    expect(
      auditFiltersFrom(new URLSearchParams('action=drop.tables&from=2026-12-03&to=2026-12-01&page=-2')),
    ).toEqual({ page: 1 });
    expect(auditFiltersFrom(new URLSearchParams('from=2026-12-01'))).toEqual({ page: 1 });
  });

  it('asks the BFF for the page newest first, 50 at a time', () => {
    expect(
      auditSearchParams({ action: 'user.create', from: '2026-12-01', to: '2026-12-01', page: 2 }).toString(),
    ).toBe('action=user.create&from=2026-12-01&to=2026-12-01&limit=50&offset=50');
    expect(auditSearchParams({ page: 1 }).toString()).toBe('limit=50&offset=0');
    expect(isFiltered({ page: 4 })).toBe(false);
    expect(isFiltered({ page: 1, target: 't-1' })).toBe(true);
  });
});

describe('the audit log page’s labels', () => {
  it('names every action the contracts audit, and shows an unknown one as it is', () => {
    for (const action of auditActions) expect(auditActionLabel(action)).not.toBe(action);
    expect(auditActionLabel('ticket.assign')).toBe('指派工单');
    expect(auditActionLabel('export.download')).toBe('导出数据');
    expect(auditActionLabel('weather.forecast')).toBe('weather.forecast');
    expect(auditActionLabel('user.update', { disabled: true })).toBe('停用账号');
    expect(auditActionLabel('user.update', { disabled: false })).toBe('启用账号');
    expect(auditActionLabel('user.update', { phone: '13800001111' })).toBe('修改账号');
  });

  it('names the target with its kind', () => {
    expect(auditTargetText({ kind: 'ticket', id: 't-9' })).toBe('工单 t-9');
    expect(auditTargetText({ kind: 'export', id: 'tickets.xlsx' })).toBe('导出 tickets.xlsx');
    expect(auditTargetText({ kind: 'user', id: null })).toBe('账号');
  });

  it('lists the recorded change field by field, secrets as 已隐去', () => {
    expect(
      changeLines({
        username: 'officer9',
        password: auditRedacted,
        disabled: true,
        roles: ['officer'],
        device: { secret: auditRedacted },
        phone: null,
      }),
    ).toEqual([
      { field: 'username', value: 'officer9' },
      { field: 'password', value: '已隐去' },
      { field: 'disabled', value: 'true' },
      { field: 'roles', value: '["officer"]' },
      { field: 'device', value: '{"secret":"已隐去"}' },
      { field: 'phone', value: '—' },
    ]);
    expect(changeLines(null)).toEqual([]);
  });
});
