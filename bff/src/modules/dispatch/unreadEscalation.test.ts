import { notificationListSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, eventually, north, officerOnDuty, submitReport } from '../../testing/reportFixtures';

// At this scale the unread escalations come after 120 ms and 240 ms, the accept timeout after 360 ms.
const fastClock = { SLA_TIME_SCALE: '0.002' };

interface TimelineView {
  status: string;
  assigneeId: string | null;
  timeline: Array<{ action: string; reason?: string }>;
}

describe('a new assignment nobody reads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('unread_escalation', { env: fastClock });
  });
  afterAll(() => t.close());

  const templatesOf = async (token: string) =>
    notificationListSchema
      .parse((await t.http.get('/api/notifications').set(auth(token)).expect(200)).body)
      .items.map((item) => item.template);

  it('goes to the squad leader, then to the dispatchers, and the timeline shows both steps', async () => {
    const site = { lat: 23.1, lng: 113.305 };
    const officer = await officerOnDuty(t, '没看手机的队员', north(site, 20));
    const leader = await t.loginAs('squad_leader', '未读中队长', '赤岗街道');
    const dispatcher = await t.loginAs('dispatcher', '未读调度员');
    const resident = await t.loginAs('resident', '未读居民');
    const report = await submitReport(t, resident.token, { ...site, category: 'noise' }, 201);
    expect(report.body.assigneeId).toBe(officer.userId);

    const escalated = await eventually(async () => {
      const ticket = (
        await t.http.get(`/api/tickets/${report.body.id}`).set(auth(dispatcher.token)).expect(200)
      ).body as TimelineView;
      return ticket.timeline.filter((entry) => entry.action === 'unread_escalated').length === 2
        ? ticket
        : null;
    });
    const steps = escalated.timeline.filter((entry) => entry.action === 'unread_escalated');
    expect(steps.map((entry) => entry.reason)).toEqual([
      '没看手机的队员未查看新工单，已提醒中队长',
      '中队长未处理，已提醒调度员',
    ]);
    expect(await templatesOf(leader.token)).toContain('assignment_unread');
    expect(await templatesOf(dispatcher.token)).toContain('assignment_unread');
    // The officer still has their assignment until the accept window ends.
    expect(await templatesOf(officer.token)).toContain('new_assignment');

    // The resident never sees these internal steps.
    const mine = (await t.http.get(`/api/reports/${report.body.id}`).set(auth(resident.token)).expect(200))
      .body as TimelineView;
    expect(mine.timeline.some((entry) => entry.action.startsWith('unread_'))).toBe(false);
  });

  it('stops at once when the officer accepts', async () => {
    const site = { lat: 23.106, lng: 113.312 };
    const officer = await officerOnDuty(t, '马上接单的队员', north(site, 20));
    const leader = await t.loginAs('squad_leader', '未读中队长', '赤岗街道');
    const resident = await t.loginAs('resident', '未读居民二');
    const report = await submitReport(t, resident.token, { ...site, category: 'street_vending' }, 201);
    await t.http.post(`/api/tickets/${report.body.id}/accept`).set(auth(officer.token)).expect(200);
    // Past both escalation times.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const ticket = (await t.http.get(`/api/tickets/${report.body.id}`).set(auth(leader.token)).expect(200))
      .body as TimelineView;
    expect(ticket.timeline.map((entry) => entry.action)).toEqual(['report', 'assign', 'accept']);
  });
});

describe('a new assignment the officer has read', () => {
  let t: TestApp;
  // Slower here: the escalation to the leader after 3 s, to the dispatchers after 6 s, the accept timeout 9 s.
  beforeAll(async () => {
    t = await startTestApp('unread_escalation_read', { env: { SLA_TIME_SCALE: '0.05' } });
  });
  afterAll(() => t.close());

  const ticketOf = async (token: string, id: string) =>
    (await t.http.get(`/api/tickets/${id}`).set(auth(token)).expect(200)).body as TimelineView;

  it.each([
    ['opened in 消息', 'ids'],
    ['全部已读', 'all'],
  ] as const)(
    'goes to nobody once the officer has %s',
    async (_how, marking) => {
      const site = marking === 'ids' ? { lat: 23.1, lng: 113.319 } : { lat: 23.111, lng: 113.333 };
      const officer = await officerOnDuty(t, `看了通知的队员-${marking}`, north(site, 20));
      const leader = await t.loginAs('squad_leader', '已读中队长', '赤岗街道');
      await t.loginAs('dispatcher', '已读调度员');
      const resident = await t.loginAs('resident', `已读居民-${marking}`);
      const report = await submitReport(t, resident.token, { ...site, category: 'street_vending' }, 201);
      expect(report.body.assigneeId).toBe(officer.userId);

      const assignment = await eventually(async () => {
        const inbox = notificationListSchema.parse(
          (await t.http.get('/api/notifications').set(auth(officer.token)).expect(200)).body,
        );
        return inbox.items.find(
          (item) => item.template === 'new_assignment' && item.subject.id === report.body.id,
        );
      });
      await t.http
        .post('/api/notifications/read')
        .set(auth(officer.token))
        .send(marking === 'ids' ? { ids: [assignment.id] } : { all: true })
        .expect(200);

      const checked = await eventually(async () => {
        const ticket = await ticketOf(leader.token, report.body.id);
        return ticket.timeline.some((entry) => entry.action === 'unread_checked') ? ticket : null;
      }, 15_000);
      expect(checked.timeline.find((entry) => entry.action === 'unread_checked')?.reason).toBe('通知已查看');
      // Past the dispatchers' turn too: still nobody was told.
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      const later = await ticketOf(leader.token, report.body.id);
      expect(later.timeline.some((entry) => entry.action === 'unread_escalated')).toBe(false);
      const leaderInbox = notificationListSchema.parse(
        (await t.http.get('/api/notifications').set(auth(leader.token)).expect(200)).body,
      );
      expect(leaderInbox.items.some((item) => item.template === 'assignment_unread')).toBe(false);
    },
    30_000,
  );
});
