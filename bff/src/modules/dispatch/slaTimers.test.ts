import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, eventually, north, officerOnDuty, submitReport } from '../../testing/reportFixtures';

// At this scale the 3-minute accept window lasts 360 ms, the 10-minute warning 1.2 s, the breach 1.8 s.
const fastClock = { SLA_TIME_SCALE: '0.002' };

const ticketOf = async (app: TestApp, token: string, id: string) =>
  (await app.http.get(`/api/tickets/${id}`).set(auth(token)).expect(200)).body as {
    status: string;
    assigneeId: string | null;
    slaBreached: boolean;
    timeline: Array<{ action: string }>;
  };
// Unread escalations interleave with these at this scale; unreadEscalation.test.ts covers them.
const actions = (ticket: { timeline: Array<{ action: string }> }) =>
  ticket.timeline.map((entry) => entry.action).filter((action) => !action.startsWith('unread_'));

describe('SLA timers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sla_timers', { env: fastClock });
  });
  afterAll(() => t.close());

  it('reassigns a ticket nobody accepts within 3 minutes, tells the leader, then queues it', async () => {
    const site = { lat: 23.1, lng: 113.305 };
    const first = await officerOnDuty(t, '不接单甲', north(site, 20));
    const second = await officerOnDuty(t, '不接单乙', north(site, 80));
    const leader = await t.loginAs('squad_leader', '超时中队长', '赤岗街道');
    const resident = await t.loginAs('resident', '超时居民');
    const report = await submitReport(t, resident.token, { ...site, category: 'noise' }, 201);
    expect(report.body.assigneeId).toBe(first.userId);

    const reassigned = await eventually(async () => {
      const ticket = await ticketOf(t, leader.token, report.body.id);
      return ticket.assigneeId === second.userId ? ticket : null;
    });
    expect(actions(reassigned)).toEqual(['report', 'assign', 'accept_timeout', 'assign']);

    const queued = await eventually(async () => {
      const ticket = await ticketOf(t, leader.token, report.body.id);
      return ticket.status === 'dispatch_queue' ? ticket : null;
    });
    expect(actions(queued).slice(0, 6)).toEqual([
      'report',
      'assign',
      'accept_timeout',
      'assign',
      'accept_timeout',
      'queue',
    ]);
    const inbox = await t.http.get('/api/notifications').set(auth(leader.token)).expect(200);
    expect(
      inbox.body.items.filter((item: { template: string }) => item.template === 'escalation_reassigned'),
    ).toHaveLength(2);
  });

  it('warns at 10 minutes and records the breach at 15 when nobody is on site', async () => {
    const site = { lat: 23.106, lng: 113.312 };
    const officer = await officerOnDuty(t, '迟到队员', north(site, 30));
    const dispatcher = await t.loginAs('dispatcher', '超时调度');
    const resident = await t.loginAs('resident', '等待居民');
    const report = await submitReport(t, resident.token, { ...site, category: 'street_vending' }, 201);
    await t.http.post(`/api/tickets/${report.body.id}/accept`).set(auth(officer.token)).expect(200);

    const breached = await eventually(async () => {
      const ticket = await ticketOf(t, dispatcher.token, report.body.id);
      return ticket.slaBreached ? ticket : null;
    });
    expect(actions(breached)).toEqual(['report', 'assign', 'accept', 'sla_warning', 'sla_breached']);
    const inbox = await t.http.get('/api/notifications').set(auth(dispatcher.token)).expect(200);
    const templates = inbox.body.items.map((item: { template: string }) => item.template);
    expect(templates).toEqual(expect.arrayContaining(['sla_warning', 'sla_breached']));

    // Arriving late is still recorded, and the breach stands.
    const onSite = await t.http
      .post(`/api/tickets/${report.body.id}/check-in`)
      .set(auth(officer.token))
      .send(site)
      .expect(200);
    expect(onSite.body).toMatchObject({ status: 'on_site', slaBreached: true });
  });

  it('stops the clock once an officer is on site', async () => {
    const site = { lat: 23.111, lng: 113.319 };
    const officer = await officerOnDuty(t, '准时队员', north(site, 30));
    const resident = await t.loginAs('resident', '准时居民');
    const report = await submitReport(t, resident.token, { ...site, category: 'garbage' }, 201);
    await t.http.post(`/api/tickets/${report.body.id}/accept`).set(auth(officer.token)).expect(200);
    await t.http
      .post(`/api/tickets/${report.body.id}/check-in`)
      .set(auth(officer.token))
      .send(site)
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 4000)); // garbage's 30-minute SLA is 3.6 s here
    const ticket = await ticketOf(t, officer.token, report.body.id);
    expect(ticket.slaBreached).toBe(false);
    expect(actions(ticket)).toEqual(['report', 'assign', 'accept', 'check_in']);
  });
});

describe('SLA timers across restarts and instances', () => {
  it('fire after the BFF that set them has stopped, exactly once with two instances running', async () => {
    const first = await startTestApp('sla_restart', { env: { SLA_TIME_SCALE: '0.004' } });
    const site = { lat: 23.1, lng: 113.333 };
    await officerOnDuty(first, '重启队员', north(site, 40));
    const resident = await first.loginAs('resident', '重启居民');
    const report = await submitReport(first, resident.token, { ...site, category: 'street_vending' }, 201);
    expect(report.body.status).toBe('assigned');
    await first.close({ keepData: true });

    // The accept deadline (0.72 s) and the warning (2.4 s) pass while no BFF runs.
    await new Promise((resolve) => setTimeout(resolve, 2600));
    const second = await startTestApp('sla_restart', {
      runId: first.runId,
      env: { SLA_TIME_SCALE: '0.004' },
    });
    const third = await startTestApp('sla_restart', { runId: first.runId, env: { SLA_TIME_SCALE: '0.004' } });
    try {
      const admin = await second.loginAs('admin', '重启管理员');
      const breached = await eventually(async () => {
        const ticket = await ticketOf(second, admin.token, report.body.id);
        return ticket.slaBreached ? ticket : null;
      }, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const final = await ticketOf(third, admin.token, report.body.id);
      const counts = (action: string) => actions(final).filter((entry) => entry === action).length;
      expect(breached.slaBreached).toBe(true);
      expect(counts('accept_timeout')).toBe(1);
      expect(counts('sla_warning')).toBe(1);
      expect(counts('sla_breached')).toBe(1);
    } finally {
      await third.close({ keepData: true });
      await second.close();
    }
  }, 40_000);
});
