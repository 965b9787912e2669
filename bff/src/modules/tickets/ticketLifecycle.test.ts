import { ticketSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, north, officerOnDuty, phonePhoto, submitReport } from '../../testing/reportFixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('ticket_lifecycle');
});
afterAll(() => t.close());

/** A fresh site inside 赤岗街道 per test, ~700 m apart, so reports do not merge or share officers. */
const sites = [23.1, 23.106, 23.111].flatMap((lat) =>
  [113.305, 113.312, 113.319, 113.333].map((lng) => ({ lat, lng })),
);
let nextSite = 0;
const freshSite = () => sites[nextSite++ % sites.length] as { lat: number; lng: number };

async function assignedTicket(officerName: string) {
  const site = freshSite();
  const officer = await officerOnDuty(t, officerName, north(site, 60));
  const resident = await t.loginAs('resident', `居民-${officerName}`);
  const report = await submitReport(t, resident.token, { ...site, category: 'street_vending' }, 201);
  expect(report.body.assigneeId).toBe(officer.userId);
  return { officer, resident, ticketId: report.body.id as string, site };
}

describe('the closed loop', () => {
  it('goes from report to resolution, confirmation and rating', async () => {
    const { officer, resident, ticketId, site } = await assignedTicket('闭环队员');

    await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(officer.token)).expect(200);

    const tooFar = await t.http
      .post(`/api/tickets/${ticketId}/check-in`)
      .set(auth(officer.token))
      .send(north(site, 400))
      .expect(422);
    expect(tooFar.body.error.details.distanceMeters).toBeGreaterThan(390);
    expect(tooFar.body.error.details.limitMeters).toBe(150);

    const onSite = await t.http
      .post(`/api/tickets/${ticketId}/check-in`)
      .set(auth(officer.token))
      .send(north(site, 40))
      .expect(200);
    expect(onSite.body.status).toBe('on_site');

    await t.http
      .post(`/api/tickets/${ticketId}/resolve`)
      .set(auth(officer.token))
      .field('note', '已劝离')
      .expect(400);
    const resolved = await t.http
      .post(`/api/tickets/${ticketId}/resolve`)
      .set(auth(officer.token))
      .field('note', '摊贩已劝离，现场恢复')
      .attach('photos', await phonePhoto('#888'), 'after.jpg')
      .expect(200);
    const ticket = ticketSchema.parse(resolved.body);
    expect(ticket.status).toBe('resolved');
    expect(ticket.resolution?.note).toBe('摊贩已劝离，现场恢复');
    expect(ticket.resolution?.photos).toHaveLength(1);

    const seen = await t.http.get(`/api/reports/${ticketId}`).set(auth(resident.token)).expect(200);
    expect(seen.body.status).toBe('resolved');

    await t.http.post(`/api/reports/${ticketId}/confirm`).set(auth(resident.token)).expect(200);
    const rated = await t.http
      .post(`/api/reports/${ticketId}/rate`)
      .set(auth(resident.token))
      .send({ score: 5, comment: '很快' })
      .expect(200);
    expect(rated.body).toMatchObject({ status: 'confirmed', rating: { score: 5, comment: '很快' } });
    await t.http
      .post(`/api/reports/${ticketId}/rate`)
      .set(auth(resident.token))
      .send({ score: 1 })
      .expect(409);

    // Names of officers, and dispatch details, are for staff; the resident sees milestones by role.
    const staffView = await t.http.get(`/api/tickets/${ticketId}`).set(auth(officer.token)).expect(200);
    const residentSteps = Object.fromEntries(
      rated.body.timeline.map((entry: { action: string }) => [entry.action, entry]),
    );
    expect(residentSteps.accept).toMatchObject({ actorRole: 'officer', actorName: null });
    expect(residentSteps.assign.details).toBeUndefined();
    const byAction = Object.fromEntries(
      staffView.body.timeline.map(
        (entry: { action: string; actorName?: string; details?: { officerName?: string } }) => [
          entry.action,
          entry,
        ],
      ),
    );
    expect(byAction.accept.actorName).toBe('闭环队员');
    expect(byAction.assign.details.officerName).toBe('闭环队员');
    expect(byAction.report.actorName).toBe('居民-闭环队员');
    expect(rated.body.timeline.map((entry: { action: string }) => entry.action)).toEqual([
      'report',
      'assign',
      'accept',
      'check_in',
      'resolve',
      'confirm',
    ]);
    // The rating is the resident's own, shown in its own place: the timeline shows milestones only.
    expect(rated.body.rating).toMatchObject({ score: 5 });
  });

  it('lets the resident reopen within 7 days, which dispatches again, and not after', async () => {
    const { officer, resident, ticketId, site } = await assignedTicket('重开队员');
    await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(officer.token)).expect(200);
    await t.http.post(`/api/tickets/${ticketId}/check-in`).set(auth(officer.token)).send(site).expect(200);
    await t.http
      .post(`/api/tickets/${ticketId}/resolve`)
      .set(auth(officer.token))
      .field('note', '已处理')
      .attach('photos', await phonePhoto(), 'after.jpg')
      .expect(200);

    const reopened = await t.http
      .post(`/api/reports/${ticketId}/reopen`)
      .set(auth(resident.token))
      .send({ reason: '摊贩又回来了' })
      .expect(200);
    expect(reopened.body).toMatchObject({
      status: 'assigned',
      assigneeId: officer.userId,
      slaBreached: false,
    });
    expect(reopened.body.timeline.slice(-2).map((entry: { action: string }) => entry.action)).toEqual([
      'reopen',
      'assign',
    ]);

    await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(officer.token)).expect(200);
    await t.http.post(`/api/tickets/${ticketId}/check-in`).set(auth(officer.token)).send(site).expect(200);
    await t.http
      .post(`/api/tickets/${ticketId}/resolve`)
      .set(auth(officer.token))
      .field('note', '再次处理')
      .attach('photos', await phonePhoto(), 'after.jpg')
      .expect(200);
    t.clock.advance(8 * 24 * 3600_000);
    try {
      // Eight days on, the resident signs in again: the old token has expired.
      const again = await t.loginAs('resident', `居民-重开队员`);
      const late = await t.http
        .post(`/api/reports/${ticketId}/reopen`)
        .set(auth(again.token))
        .send({ reason: '又来了' })
        .expect(422);
      expect(late.body.error.code).toBe('unprocessable');
    } finally {
      t.clock.advance(-8 * 24 * 3600_000);
    }
  });
});

describe('concurrency and reassignment', () => {
  it('lets exactly one of two simultaneous accepts win', async () => {
    const { officer, ticketId } = await assignedTicket('并发队员');
    const responses = await Promise.all([
      t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(officer.token)),
      t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(officer.token)),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const ticket = await t.http.get(`/api/tickets/${ticketId}`).set(auth(officer.token)).expect(200);
    expect(
      ticket.body.timeline.filter((entry: { action: string }) => entry.action === 'accept'),
    ).toHaveLength(1);
  });

  it('reassigns a rejected ticket to the next officer and tells the squad leader', async () => {
    const site = freshSite();
    const first = await officerOnDuty(t, '拒单队员', north(site, 30));
    const second = await officerOnDuty(t, '接替队员', north(site, 90));
    const leader = await t.loginAs('squad_leader', '赤岗中队长', '赤岗街道');
    const resident = await t.loginAs('resident', '拒单测试居民');
    const report = await submitReport(t, resident.token, { ...site, category: 'garbage' }, 201);
    expect(report.body.assigneeId).toBe(first.userId);

    await t.http
      .post(`/api/tickets/${report.body.id}/reject`)
      .set(auth(first.token))
      .send({ reason: '正在处理另一起' })
      .expect(200);
    const after = await t.http.get(`/api/tickets/${report.body.id}`).set(auth(leader.token)).expect(200);
    expect(after.body).toMatchObject({ status: 'assigned', assigneeId: second.userId });
    expect(after.body.timeline.slice(-2).map((entry: { action: string }) => entry.action)).toEqual([
      'reject',
      'assign',
    ]);
    const inbox = await t.http.get('/api/notifications').set(auth(leader.token)).expect(200);
    expect(inbox.body.items.map((item: { template: string }) => item.template)).toContain(
      'escalation_reassigned',
    );

    // The first officer can no longer act on it.
    await t.http.post(`/api/tickets/${report.body.id}/accept`).set(auth(first.token)).expect(403);
  });

  it('transfers between squads for 插花地带 and queues a transfer to another department', async () => {
    const { officer, ticketId } = await assignedTicket('转办队员');
    const moved = await t.http
      .post(`/api/tickets/${ticketId}/transfer`)
      .set(auth(officer.token))
      .send({ toSquad: '江南中街道', reason: '属于江南中辖区' })
      .expect(200);
    expect(moved.body).toMatchObject({ squadId: 'squad-jiangnanzhong', streetId: 'jiangnanzhong' });
    expect(moved.body.timeline.map((entry: { action: string }) => entry.action)).toContain('transfer');

    const dispatcher = await t.loginAs('dispatcher', '转办调度');
    const toDepartment = await t.http
      .post(`/api/tickets/${ticketId}/transfer`)
      .set(auth(dispatcher.token))
      .send({ toDepartment: 'landscaping', reason: '树木问题' })
      .expect(200);
    expect(toDepartment.body).toMatchObject({
      status: 'dispatch_queue',
      department: 'landscaping',
      assigneeId: null,
    });
    await t.http
      .post(`/api/tickets/${ticketId}/transfer`)
      .set(auth(dispatcher.token))
      .send({ reason: '缺目标' })
      .expect(400);
  });

  it('lets a dispatcher assign by hand from the queue', async () => {
    const resident = await t.loginAs('resident', '手动派单居民');
    const queued = await submitReport(t, resident.token, { lat: 23.2, lng: 113.5, category: 'other' }, 201);
    const officer = await t.loginAs('officer', '被指派队员', '华洲街道');
    const dispatcher = await t.loginAs('dispatcher', '派单调度');
    const assigned = await t.http
      .post(`/api/tickets/${queued.body.id}/assign`)
      .set(auth(dispatcher.token))
      .send({ officerId: officer.userId })
      .expect(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', assigneeId: officer.userId });
    await t.http.post(`/api/tickets/${queued.body.id}/accept`).set(auth(officer.token)).expect(200);
    const officers = await t.http.get('/api/officers').set(auth(dispatcher.token)).expect(200);
    expect(officers.body.items.find((item: { id: string }) => item.id === officer.userId)).toMatchObject({
      activeTickets: 1,
    });
  });
});

describe('who may see and do what', () => {
  it('denies other residents, other squads and wrong roles', async () => {
    const { officer, ticketId } = await assignedTicket('权限队员');
    const stranger = await t.loginAs('resident', '陌生居民');
    const otherSquad = await t.loginAs('officer', '华洲队员', '华洲街道');
    const sameSquad = await t.loginAs('officer', '赤岗同事', '赤岗街道');
    const volunteer = await t.loginAs('volunteer', '志愿者');

    await t.http.get(`/api/reports/${ticketId}`).set(auth(stranger.token)).expect(403);
    await t.http.get(`/api/tickets/${ticketId}`).set(auth(otherSquad.token)).expect(403);
    await t.http.get(`/api/tickets/${ticketId}`).set(auth(sameSquad.token)).expect(200);
    await t.http.get(`/api/tickets/${ticketId}`).set(auth(volunteer.token)).expect(403);
    await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(stranger.token)).expect(403);
    await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(sameSquad.token)).expect(403);
    await t.http.post(`/api/reports/${ticketId}/confirm`).set(auth(stranger.token)).expect(403);
    await t.http
      .post(`/api/tickets/${ticketId}/assign`)
      .set(auth(officer.token))
      .send({ officerId: sameSquad.userId })
      .expect(403);
    await t.http.get('/api/officers').set(auth(officer.token)).expect(403);

    const squadList = await t.http.get('/api/tickets').set(auth(otherSquad.token)).expect(200);
    expect(squadList.body.items.map((item: { id: string }) => item.id)).not.toContain(ticketId);

    const map = await t.http.get('/api/reports/map').expect(200);
    expect(map.body.items.length).toBeGreaterThan(0);
    expect(Object.keys(map.body.items[0]).sort()).toEqual(['category', 'lat', 'lng', 'status']);
  });
});
