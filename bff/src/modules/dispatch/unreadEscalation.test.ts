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
