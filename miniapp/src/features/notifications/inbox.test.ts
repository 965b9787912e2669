import type { NotificationItem } from '@jiefang/contracts';
import { badgeText } from './badge';
import { appendInboxPage, markedRead, unreadIn } from './inboxList';
import { MESSAGES_PAGE, subjectUrl } from './routes';

const item = (id: string, overrides: Partial<NotificationItem> = {}): NotificationItem => ({
  id,
  template: 'ticket_resolved',
  data: {},
  status: 'sent',
  createdAt: '2026-12-02T08:00:00.000Z',
  title: '问题已办结',
  body: '',
  subject: { kind: 'ticket', id: 'T-1' },
  readAt: null,
  ...overrides,
});

describe('badgeText', () => {
  it('shows nothing at zero, the count up to 99, then 99+', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(-1)).toBe('');
    expect(badgeText(Number.NaN)).toBe('');
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});

describe('the inbox list', () => {
  it('marks the given items read (or all), keeping the time of those read before', () => {
    const items = [item('a'), item('b'), item('c', { readAt: '2026-12-01T00:00:00.000Z' })];
    const one = markedRead(items, ['a', 'c'], '2026-12-02T09:00:00.000Z');
    expect(one.map((entry) => entry.readAt)).toEqual([
      '2026-12-02T09:00:00.000Z',
      null,
      '2026-12-01T00:00:00.000Z',
    ]);
    expect(unreadIn(one)).toBe(1);
    expect(unreadIn(markedRead(items, 'all', '2026-12-02T09:00:00.000Z'))).toBe(0);
  });

  it('appends a page without repeating what is shown', () => {
    expect(appendInboxPage([item('a'), item('b')], [item('b'), item('c')]).map((entry) => entry.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});

describe('subjectUrl', () => {
  it('opens the report, the booking, the volunteer’s task or the owner’s alarms', () => {
    expect(subjectUrl(item('a'))).toBe('/subpackages/report/detail/index?id=T-1');
    expect(subjectUrl({ template: 'escort_reminder', subject: { kind: 'escort', id: 'E 1' } })).toBe(
      '/subpackages/escort/detail/index?id=E%201',
    );
    expect(subjectUrl({ template: 'escort_urgent_offer', subject: { kind: 'escort', id: 'E1' } })).toBe(
      '/subpackages/escort/task/index?id=E1',
    );
    expect(subjectUrl({ template: 'smoke_alarm', subject: { kind: 'alarm', id: 'A1' } })).toBe(
      '/subpackages/devices/owner/index',
    );
  });

  it('opens an officer’s task for a ticket, and the duty page for a shift', () => {
    expect(subjectUrl({ template: 'new_assignment', subject: { kind: 'ticket', id: 'T1' } })).toBe(
      '/subpackages/officer/task/index?id=T1',
    );
    expect(subjectUrl({ template: 'shift_reminder', subject: { kind: 'roster', id: 'r' } })).toBe(
      '/subpackages/officer/duty/index',
    );
  });

  it('opens nothing for other staff notifications, unknown templates or a missing id', () => {
    expect(
      subjectUrl({ template: 'charging_unacknowledged', subject: { kind: 'alarm', id: 'A1' } }),
    ).toBeUndefined();
    expect(subjectUrl({ template: 'retired', subject: { kind: null, id: null } })).toBeUndefined();
    expect(
      subjectUrl({ template: 'ticket_resolved', subject: { kind: 'ticket', id: null } }),
    ).toBeUndefined();
    expect(MESSAGES_PAGE).toBe('/subpackages/messages/index');
  });
});
