import { notificationListSchema, ticketSchema } from '@jiefang/contracts';
import { ManualClock } from '../../infra/clock';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, eventually, north, officerOnDuty, submitReport } from '../../testing/reportFixtures';

/** Fresh sites inside 赤岗街道, ~700 m apart, so reports do not merge or share officers. */
const sites = [23.1, 23.106, 23.111].flatMap((lat) =>
  [113.305, 113.312, 113.319, 113.333].map((lng) => ({ lat, lng })),
);

const actionsOf = (ticket: { timeline: Array<{ action: string }> }) =>
  ticket.timeline.map((entry) => entry.action);

describe('closing a ticket without fixing it', () => {
  let t: TestApp;
  let nextSite = 0;
  const freshSite = () => sites[nextSite++ % sites.length] as { lat: number; lng: number };
  let dispatcher: { token: string; userId: string };

  beforeAll(async () => {
    t = await startTestApp('ticket_closeout');
    dispatcher = await t.loginAs('dispatcher', '关单调度员');
  });
  afterAll(() => t.close());

  const assignedTicket = async (name: string) => {
    const site = freshSite();
    const officer = await officerOnDuty(t, `${name}队员`, north(site, 40));
    const resident = await t.loginAs('resident', `${name}居民`);
    const report = await submitReport(t, resident.token, { ...site, category: 'street_vending' }, 201);
    expect(report.body.assigneeId).toBe(officer.userId);
    return { site, officer, resident, ticketId: report.body.id as string };
  };

  const close = (id: string, body: object, token = dispatcher.token) =>
    t.http.post(`/api/tickets/${id}/close`).set(auth(token)).send(body);

  const officerLoad = async (officerId: string) => {
    const { body } = await t.http.get('/api/officers').set(auth(dispatcher.token)).expect(200);
    return (body.items as Array<{ id: string; activeTickets: number }>).find((item) => item.id === officerId)
      ?.activeTickets;
  };

  it('closes an accepted ticket as invalid: the officer is freed, it refuses accept and check-in, residents are told why', async () => {
    const { site, officer, resident, ticketId } = await assignedTicket('无效');
    await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(officer.token)).expect(200);
    expect(await officerLoad(officer.userId)).toBe(1);

    const closed = ticketSchema.parse(
      (await close(ticketId, { kind: 'invalid', reason: '现场核实无占道经营' }).expect(200)).body,
    );
    expect(closed.status).toBe('closed');
    expect(closed.closure).toMatchObject({
      kind: 'invalid',
      reason: '现场核实无占道经营',
      duplicateOfId: null,
      passedTo: null,
      byName: '关单调度员',
    });
    expect(actionsOf(closed)).toEqual(['report', 'assign', 'accept', 'close']);
    expect(await officerLoad(officer.userId)).toBe(0);

    await t.http.post(`/api/tickets/${ticketId}/check-in`).set(auth(officer.token)).send(site).expect(409);
    await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(officer.token)).expect(409);

    // The resident sees 已关闭 and why, not who closed it; they cannot reopen, confirm or rate it.
    const seen = ticketSchema.parse(
      (await t.http.get(`/api/reports/${ticketId}`).set(auth(resident.token)).expect(200)).body,
    );
    expect(seen.status).toBe('closed');
    expect(seen.closure).toMatchObject({ kind: 'invalid', reason: '现场核实无占道经营', byName: null });
    expect(seen.timeline.at(-1)).toMatchObject({
      action: 'close',
      reason: '现场核实无占道经营',
      actorName: null,
    });
    await t.http
      .post(`/api/reports/${ticketId}/reopen`)
      .set(auth(resident.token))
      .send({ reason: '还在摆' })
      .expect(409);
    await t.http.post(`/api/reports/${ticketId}/confirm`).set(auth(resident.token)).expect(409);

    const inbox = notificationListSchema.parse(
      (await t.http.get('/api/notifications').set(auth(resident.token)).expect(200)).body,
    );
    const told = inbox.items.find((item) => item.template === 'ticket_closed');
    expect(told?.body).toContain('原因：现场核实无占道经营');
  });

  it('answers a retried close with the same ticket and refuses a different one', async () => {
    const { ticketId } = await assignedTicket('重放');
    const request = { kind: 'not_ours', reason: '属供电设施', passedTo: '供电局' };
    const first = await close(ticketId, request).expect(200);
    const again = await close(ticketId, request).expect(200);
    expect(again.body.version).toBe(first.body.version);
    expect(actionsOf(again.body).filter((action) => action === 'close')).toHaveLength(1);
    expect(again.body.closure).toMatchObject({ kind: 'not_ours', passedTo: '供电局' });
    await close(ticketId, { kind: 'invalid', reason: '另一个原因' }).expect(409);
  });

  it('closes a duplicate: the other ticket must exist, and the reporters follow it', async () => {
    const kept = await assignedTicket('保留');
    const { resident, ticketId } = await assignedTicket('重复');

    await close(ticketId, { kind: 'duplicate', reason: '同一摊贩' }).expect(400);
    const unknown = await close(ticketId, { kind: 'duplicate', reason: '同一摊贩', duplicateOfId: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields).toEqual([
      { path: 'duplicateOfId', message: '没有这个工单：nope' },
    ]);
    await close(ticketId, { kind: 'duplicate', reason: '同一摊贩', duplicateOfId: ticketId }).expect(400);

    const closed = await close(ticketId, {
      kind: 'duplicate',
      reason: '同一摊贩，已在另一工单处理',
      duplicateOfId: kept.ticketId,
    }).expect(200);
    expect(closed.body.closure).toMatchObject({ kind: 'duplicate', duplicateOfId: kept.ticketId });

    // The duplicate's reporter now follows the ticket that covers it, with their own submission.
    const followed = ticketSchema.parse(
      (await t.http.get(`/api/reports/${kept.ticketId}`).set(auth(resident.token)).expect(200)).body,
    );
    expect(followed.reporterCount).toBe(2);
    expect(followed.submissions.map((submission) => submission.mine)).toEqual([true]);
    const staffView = await t.http.get(`/api/tickets/${kept.ticketId}`).set(auth(dispatcher.token));
    expect(actionsOf(staffView.body)).toContain('duplicate_merged');
    // …and the merge is staff's business: the resident of the kept ticket does not see it.
    const keptResident = await t.http.get(`/api/reports/${kept.ticketId}`).set(auth(kept.resident.token));
    expect(actionsOf(keptResident.body)).not.toContain('duplicate_merged');

    // A closed ticket cannot be what another duplicates.
    const third = await assignedTicket('第三');
    await close(third.ticketId, { kind: 'duplicate', reason: '重复', duplicateOfId: ticketId }).expect(422);
  });

  it('asks for the outside body when it is not ours', async () => {
    const { ticketId } = await assignedTicket('移交');
    const refused = await close(ticketId, { kind: 'not_ours', reason: '属交警职责' }).expect(400);
    expect(refused.body.error.details.fields[0].path).toBe('passedTo');
  });

  it('lets only dispatchers and admins close', async () => {
    const { officer, ticketId } = await assignedTicket('权限');
    const leader = await t.loginAs('squad_leader', '关单中队长', '赤岗街道');
    const body = { kind: 'invalid', reason: '无' };
    await close(ticketId, body, leader.token).expect(403);
    await close(ticketId, body, officer.token).expect(403);
    await close(ticketId, body, (await t.loginAs('resident', '旁观居民')).token).expect(403);
    const admin = await t.loginAs('admin', '关单管理员');
    await close(ticketId, body, admin.token).expect(200);
    await close('no-such-ticket', body).expect(404);
  });

  it('drops a closed ticket from the open tickets a new report joins', async () => {
    const { site, ticketId } = await assignedTicket('索引');
    await close(ticketId, { kind: 'invalid', reason: '误报' }).expect(200);
    const resident = await t.loginAs('resident', '后来的居民');
    const again = await submitReport(t, resident.token, { ...site, category: 'street_vending' }, 201);
    expect(again.body.id).not.toBe(ticketId);
    expect(again.body.outcome).not.toBe('joined');
  });

  it('never fires a closed ticket’s deadlines, even when the recovery finds them passed', async () => {
    // An open ticket beside it proves the deadlines do fire.
    const open = await assignedTicket('对照');
    const { ticketId } = await assignedTicket('超时前关闭');
    const closed = (await close(ticketId, { kind: 'invalid', reason: '误报' }).expect(200)).body;
    await t.close({ keepData: true });

    // The same data, a BFF whose injected clock is an hour on: every deadline has passed.
    const later = new ManualClock(new Date(t.clock.now().getTime() + 3600_000));
    t = await startTestApp('ticket_closeout', { runId: t.runId, deps: { clock: later } });
    dispatcher = await t.loginAs('dispatcher', '关单调度员');
    await eventually(async () => {
      const { body } = await t.http.get(`/api/tickets/${open.ticketId}`).set(auth(dispatcher.token));
      return body.slaBreached === true;
    });
    const { body } = await t.http.get(`/api/tickets/${ticketId}`).set(auth(dispatcher.token)).expect(200);
    expect(body.version).toBe(closed.version);
    expect(body).toMatchObject({ status: 'closed', slaBreached: false });
    expect(actionsOf(body)).toEqual(['report', 'assign', 'close']);
  });
});

describe('a closed ticket and the live SLA timers', () => {
  // At this scale the accept window lasts 360 ms, the unread escalations 120 and 240 ms, the breach 1.8 s.
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('ticket_closeout_timers', { env: { SLA_TIME_SCALE: '0.002' } });
  });
  afterAll(() => t.close());

  it('neither times out, escalates, warns nor breaches once closed', async () => {
    const dispatcher = await t.loginAs('dispatcher', '计时调度员');
    await t.loginAs('squad_leader', '计时中队长', '赤岗街道');
    const control = { lat: 23.1, lng: 113.305 };
    const site = { lat: 23.111, lng: 113.333 };
    await officerOnDuty(t, '对照队员', north(control, 30));
    const officer = await officerOnDuty(t, '被关单队员', north(site, 30));
    const resident = await t.loginAs('resident', '计时居民');
    const controlReport = await submitReport(
      t,
      resident.token,
      { ...control, category: 'street_vending' },
      201,
    );
    const report = await submitReport(t, resident.token, { ...site, category: 'street_vending' }, 201);
    expect(report.body.assigneeId).toBe(officer.userId);
    await t.http
      .post(`/api/tickets/${report.body.id}/close`)
      .set(auth(dispatcher.token))
      .send({ kind: 'invalid', reason: '误报' })
      .expect(200);

    await eventually(async () => {
      const { body } = await t.http.get(`/api/tickets/${controlReport.body.id}`).set(auth(dispatcher.token));
      return body.slaBreached === true;
    });
    const { body } = await t.http
      .get(`/api/tickets/${report.body.id}`)
      .set(auth(dispatcher.token))
      .expect(200);
    expect(actionsOf(body)).toEqual(['report', 'assign', 'close']);
    expect(body.slaBreached).toBe(false);
  });
});
