import type { AddressInfo } from 'node:net';
import { liveChangeSchema, meChangesSchema, type LiveChange } from '@jiefang/contracts';
import { connectDevice, uniqueDeviceId, type TestDevice } from '../../testing/deviceFixtures';
import { auth, eventually, north, officerOnDuty, submitReport } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
const devices: TestDevice[] = [];
beforeAll(async () => {
  t = await startTestApp('user_changes');
});
afterAll(async () => {
  await Promise.all(devices.map((device) => device.close()));
  await t.close();
});

/** Listens on GET /api/me/events as a page would and collects the changes it hears, with their time. */
async function listen(token: string) {
  const { port } = t.server.address() as AddressInfo;
  const abort = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}/api/me/events`, {
    headers: auth(token),
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const heard: Array<LiveChange & { at: number }> = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\n').find((line) => line.startsWith('data: '));
        if (frame.includes('event: change') && data)
          heard.push({ ...liveChangeSchema.parse(JSON.parse(data.slice(6))), at: Date.now() });
      }
    }
  })().catch(() => undefined);
  return { heard, close: () => abort.abort() };
}

const changesOf = async (token: string, since?: number) =>
  meChangesSchema.parse(
    (
      await t.http
        .get(`/api/me/changes${since === undefined ? '' : `?since=${since}`}`)
        .set(auth(token))
        .expect(200)
    ).body,
  );

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /api/me/events and /api/me/changes', () => {
  it('tell the reporter at once that the officer checked in, and tell another resident nothing', async () => {
    const site = { lat: 23.1, lng: 113.312 };
    const officer = await officerOnDuty(t, '直达队员', north(site, 50));
    const reporter = await t.loginAs('resident', '直达居民');
    const neighbour = await t.loginAs('resident', '隔壁居民');
    const report = await submitReport(t, reporter.token, { ...site, category: 'street_vending' }, 201);
    const ticketId = report.body.id as string;
    expect(report.body.assigneeId).toBe(officer.userId);
    await t.http.post(`/api/tickets/${ticketId}/accept`).set(auth(officer.token)).expect(200);
    // The neighbour has a report of their own elsewhere, so their log is not simply empty.
    await submitReport(t, neighbour.token, { lat: 23.111, lng: 113.333, category: 'garbage' }, 201);

    const reporterStream = await listen(reporter.token);
    const neighbourStream = await listen(neighbour.token);
    try {
      await settle();
      const before = await changesOf(reporter.token);
      const neighbourBefore = await changesOf(neighbour.token);
      expect(before.changes).toEqual([]);

      const checkedInAt = Date.now();
      await t.http
        .post(`/api/tickets/${ticketId}/check-in`)
        .set(auth(officer.token))
        .send(north(site, 30))
        .expect(200);

      const heard = await eventually(async () =>
        reporterStream.heard.find((change) => change.topic === 'ticket' && change.id === ticketId),
      );
      expect(heard.at - checkedInAt).toBeLessThan(2_000);
      const page = await t.http.get(`/api/reports/${ticketId}`).set(auth(reporter.token)).expect(200);
      expect(page.body.status).toBe('on_site');

      // The poll: the change after the cursor, and nothing after the cursor it answers.
      const after = await changesOf(reporter.token, before.cursor);
      expect(after.reset).toBe(false);
      expect(after.changes).toContainEqual({ topic: 'ticket', id: ticketId });
      expect(after.cursor).toBeGreaterThan(before.cursor);
      expect((await changesOf(reporter.token, after.cursor)).changes).toEqual([]);

      // Another resident hears nothing of it, on the stream or in the poll.
      await settle(500);
      expect(neighbourStream.heard).toEqual([]);
      const neighbourAfter = await changesOf(neighbour.token, neighbourBefore.cursor);
      expect(neighbourAfter.changes).toEqual([]);
      expect(neighbourAfter.cursor).toBe(neighbourBefore.cursor);
      // Not even from the start of their log.
      const neighbourAll = await changesOf(neighbour.token, 0);
      expect(neighbourAll.changes.map((change) => change.id)).not.toContain(ticketId);
    } finally {
      reporterStream.close();
      neighbourStream.close();
    }
  });

  it("tell a household's owners of its smoke alarm, and no other owner", async () => {
    const admin = await t.loginAs('admin', '直达管理员');
    const owner = await t.loginAs('property_owner', '烟感业主');
    const stranger = await t.loginAs('property_owner', '别家烟感业主');
    const household = `hh-${uniqueDeviceId('live')}`;
    await t.http
      .post('/api/households')
      .set(auth(admin.token))
      .send({ id: household, street: '赤岗街道', address: '赤岗北路 8 号 201', ownerIds: [owner.userId] })
      .expect(201);
    const detector = await connectDevice(t, admin.token, {
      id: uniqueDeviceId('smoke'),
      type: 'smoke_detector',
      street: '赤岗街道',
      lat: 23.1066,
      lng: 113.3245,
      householdId: household,
    });
    devices.push(detector);

    const ownerStream = await listen(owner.token);
    const strangerStream = await listen(stranger.token);
    try {
      await settle();
      const strangerBefore = await changesOf(stranger.token);
      await detector.send('event', { ts: t.clock.now().getTime(), type: 'smoke_detected', confidence: 0.97 });
      const heard = await eventually(async () =>
        ownerStream.heard.find((change) => change.topic === 'alarm'),
      );
      const alarm = await t.http.get(`/api/alarms/${heard.id}`).set(auth(owner.token)).expect(200);
      expect(alarm.body).toMatchObject({ type: 'smoke', householdId: household });
      // The owner is also told a message waits for them (the 消息 page).
      await eventually(async () => ownerStream.heard.some((change) => change.topic === 'notification'));

      await settle(500);
      expect(strangerStream.heard).toEqual([]);
      expect((await changesOf(stranger.token, strangerBefore.cursor)).changes).toEqual([]);
    } finally {
      ownerStream.close();
      strangerStream.close();
    }
  });

  it("tell an escort's family, booker and volunteer of its changes, and no other volunteer or resident", async () => {
    const worker = await t.loginAs('community_worker', '直达社工', '赤岗街道');
    const family = await t.loginAs('resident', '直达家属');
    const stranger = await t.loginAs('resident', '直达路人');
    const site = { lat: 23.1066, lng: 113.3245 };
    const elder = await t.http
      .post('/api/elders')
      .set(auth(worker.token))
      .send({
        name: '直达陈伯',
        phone: '13812345678',
        address: '赤岗北路 3 号 201',
        ...site,
        needs: [],
        emergencyContacts: [],
        familyUserIds: [family.userId],
      })
      .expect(201);
    const volunteers = [];
    for (const name of ['直达志愿者', '旁观志愿者']) {
      const account = await t.loginAs('volunteer', name);
      await t.http
        .post('/api/volunteers/me')
        .set(auth(account.token))
        .send({
          realName: name,
          phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
          skills: ['wheelchair'],
          serviceArea: { street: '赤岗街道', ...site, radiusKm: 3 },
          availability: Array.from({ length: 7 }, (_, weekday) => ({
            weekday,
            start: '07:00',
            end: '21:00',
          })),
        })
        .expect(200);
      await t.http.post(`/api/volunteers/${account.userId}/verify`).set(auth(worker.token)).expect(200);
      volunteers.push(account);
    }
    const [helper, bystander] = volunteers as [(typeof volunteers)[number], (typeof volunteers)[number]];
    const tomorrow = new Date(t.clock.now().getTime() + 24 * 3600_000).toISOString().slice(0, 10);
    const escort = await t.http
      .post('/api/escorts')
      .set(auth(worker.token))
      .send({
        elderId: elder.body.id,
        serviceType: 'home_visit',
        windowStart: `${tomorrow}T10:00:00+08:00`,
        windowEnd: `${tomorrow}T11:00:00+08:00`,
      })
      .expect(201);
    const streams = await Promise.all(
      [family, worker, helper, bystander, stranger].map((user) => listen(user.token)),
    );
    try {
      await settle();
      await t.http.post(`/api/escorts/${escort.body.id}/accept`).set(auth(helper.token)).expect(200);
      for (const stream of streams.slice(0, 3))
        await eventually(async () =>
          stream.heard.some((change) => change.topic === 'escort' && change.id === escort.body.id),
        );
      await settle(500);
      const [, , , bystanderStream, strangerStream] = streams;
      expect(bystanderStream?.heard.filter((change) => change.topic === 'escort')).toEqual([]);
      expect(strangerStream?.heard).toEqual([]);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('answer a cursor ahead of the log, or one it no longer covers, with a reset', async () => {
    const resident = await t.loginAs('resident', '游标居民');
    const start = await changesOf(resident.token);
    expect(start).toEqual({ cursor: 0, changes: [], reset: false });
    expect((await changesOf(resident.token, 0)).reset).toBe(false);
    expect((await changesOf(resident.token, 99)).reset).toBe(true);
    await t.http.get('/api/me/changes?since=-1').set(auth(resident.token)).expect(400);
    await t.http.get('/api/me/changes').expect(401);
    await t.http.get('/api/me/events').expect(401);
  });
});
