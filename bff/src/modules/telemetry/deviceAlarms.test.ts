import mqtt from 'mqtt';
import { alarmListSchema, alarmSchema, ticketSchema, type Alarm } from '@jiefang/contracts';
import { connectDevice, shanghaiNight, uniqueDeviceId, type TestDevice } from '../../testing/deviceFixtures';
import { auth, chigangSite, eventually, north, submitReport } from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';

let t: TestApp;
let admin: string;
const devices: TestDevice[] = [];

beforeAll(async () => {
  // Time-scaled, so the 10-minute indoor-charging escalation runs in well under a second.
  t = await startTestApp('device_alarms', { env: { SLA_TIME_SCALE: '0.001', BRIDGE_CONNECTIONS: '2' } });
  admin = (await t.loginAs('admin', '告警管理员')).token;
});
afterAll(async () => {
  await Promise.all(devices.map((device) => device.close()));
  await t.close();
});

const alarmsOf = async (deviceId: string, token = admin): Promise<Alarm[]> =>
  alarmListSchema.parse(
    (await t.http.get(`/api/alarms?deviceId=${deviceId}`).set(auth(token)).expect(200)).body,
  ).items;

const oneAlarm = (deviceId: string, accept: (alarm: Alarm) => boolean, timeoutMs = 10_000) =>
  eventually(async () => (await alarmsOf(deviceId)).find(accept), timeoutMs);

async function loud(device: TestDevice, fromTs: number, seconds: number, leq: number): Promise<number> {
  for (let second = 0; second < seconds; second += 1) {
    await device.send('telemetry', { ts: fromTs + second * 1000, leq });
  }
  return fromTs + seconds * 1000;
}

describe('noise meters over MQTT', () => {
  it('warns the site remotely, records the ack, escalates to a dispatched ticket, and clears when quiet', async () => {
    const meter = await connectDevice(t, admin, {
      id: uniqueDeviceId('noise'),
      type: 'noise_meter',
      street: '赤岗街道',
      lat: 23.1066,
      lng: 113.3245,
      zoneClass: '1',
      site: '赤岗广场',
    });
    devices.push(meter);

    // One minute over the night limit of zone class 1 (45 dB(A)) opens the alarm.
    let ts = await loud(meter, shanghaiNight, 65, 72);
    const opened = await oneAlarm(meter.id, (alarm) => alarm.type === 'noise_exceeded');
    expect(opened).toMatchObject({ status: 'active', severity: 'major', count: 1 });
    expect(opened.noise).toMatchObject({ limitDb: 45, period: 'night' });

    const warning = await eventually(async () =>
      meter.commands.find((command) => command.action === 'play_warning'),
    );
    const acked = await oneAlarm(
      meter.id,
      (alarm) => alarm.warnings[0]?.ackAt !== null && alarm.warnings.length > 0,
    );
    expect(acked.warnings[0]).toMatchObject({ messageId: warning.messageId, automatic: true, ok: true });

    // Still over the limit five minutes after the warning: enforcement gets a ticket with the evidence.
    ts = await loud(meter, ts, 300, 70);
    const escalated = await oneAlarm(meter.id, (alarm) => Boolean(alarm.ticketId));
    const ticket = ticketSchema.parse(
      (await t.http.get(`/api/tickets/${escalated.ticketId}`).set(auth(admin)).expect(200)).body,
    );
    expect(ticket).toMatchObject({ category: 'noise', streetId: 'chigang', reporterCount: 0 });
    expect(ticket.timeline[0]).toMatchObject({ action: 'device_alarm', actorRole: 'device' });
    const evidence = ticket.deviceEvidence[0];
    expect(evidence).toMatchObject({
      alarmId: escalated.id,
      deviceId: meter.id,
      noise: { limitDb: 45, period: 'night' },
    });
    expect(evidence?.noise?.trace.length).toBeGreaterThanOrEqual(5);
    expect(evidence?.warnings[0]).toMatchObject({ messageId: warning.messageId, ok: true });
    expect(ticket.deadlines.breachAt).toBeTruthy();

    // A resident 120 m away hearing the same noise joins that ticket and makes it more urgent.
    const resident = await t.loginAs('resident', '楼上的住户');
    const joined = await submitReport(
      t,
      resident.token,
      { category: 'noise', ...north(chigangSite, 120), description: '楼下广场音响太吵' },
      201,
    );
    expect(joined.body).toMatchObject({
      id: ticket.id,
      outcome: 'joined',
      reporterCount: 1,
      priority: 'high',
    });

    // Quiet (3 dB under the limit) for two minutes: cleared automatically, and the history was kept.
    await loud(meter, ts, 200, 35);
    const cleared = await oneAlarm(meter.id, (alarm) => alarm.status === 'cleared');
    expect(cleared.timeline.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'opened',
        'warning_sent',
        'warning_acked',
        'escalated',
        'ticket_opened',
        'auto_cleared',
      ]),
    );
    const readings = await t.http
      .get(`/api/devices/${meter.id}/readings?minutes=1440`)
      .set(auth(admin))
      .expect(200);
    // Event time is a night in 2026 and the test clock is "now": ask with a window that covers it.
    expect(readings.body.deviceId).toBe(meter.id);
  });

  it('backs up a resident’s noise report instead of opening a second ticket', async () => {
    const site = { lat: 23.108, lng: 113.27 };
    const resident = await t.loginAs('resident', '江南中的住户');
    const reported = await submitReport(
      t,
      resident.token,
      { category: 'noise', ...site, description: 'KTV 太吵' },
      201,
    );
    const meter = await connectDevice(t, admin, {
      id: uniqueDeviceId('noise'),
      type: 'noise_meter',
      street: '江南中街道',
      ...north(site, 80),
      zoneClass: '2',
      site: '江南中社区',
    });
    devices.push(meter);
    await loud(meter, shanghaiNight, 380, 68);
    const alarm = await oneAlarm(meter.id, (item) => Boolean(item.ticketId));
    expect(alarm.ticketId).toBe(reported.body.id);
    const ticket = ticketSchema.parse(
      (await t.http.get(`/api/tickets/${alarm.ticketId}`).set(auth(admin)).expect(200)).body,
    );
    expect(ticket).toMatchObject({ reporterCount: 1, priority: 'high' });
    expect(ticket.deviceEvidence.map((item) => item.alarmId)).toEqual([alarm.id]);
    expect(ticket.timeline.map((entry) => entry.action)).toContain('device_evidence');
  });

  it('answers a console warning by hand and refuses it for detectors', async () => {
    const meter = await connectDevice(t, admin, {
      id: uniqueDeviceId('noise'),
      type: 'noise_meter',
      street: '华洲街道',
      lat: 23.093,
      lng: 113.352,
      zoneClass: '2',
      site: '华洲公园',
    });
    devices.push(meter);
    await loud(meter, shanghaiNight, 62, 75);
    const alarm = await oneAlarm(meter.id, (item) => item.warnings.length === 1);
    const byHand = await t.http
      .post(`/api/alarms/${alarm.id}/warning`)
      .set(auth(admin))
      .send({ text: '请降低音量' })
      .expect(202);
    expect(alarmSchema.parse(byHand.body).warnings).toHaveLength(2);
    await eventually(async () => meter.commands.find((command) => command.params?.text === '请降低音量'));
    await oneAlarm(
      meter.id,
      (item) => item.warnings.every((warning) => warning.ok === true) && item.warnings.length === 2,
    );
    await t.http
      .post(`/api/alarms/${alarm.id}/clear`)
      .set(auth(admin))
      .send({ note: '现场已劝离' })
      .expect(200);
    await t.http.post(`/api/alarms/${alarm.id}/warning`).set(auth(admin)).send({}).expect(422);
  });
});

describe('detectors over MQTT', () => {
  it('tells every property owner of indoor charging at once and escalates when nobody acknowledges', async () => {
    const owner = await t.loginAs('property_owner', '业主甲');
    const coOwner = await t.loginAs('property_owner', '业主乙');
    const stranger = await t.loginAs('property_owner', '别家业主');
    const household = `hh-${uniqueDeviceId('a')}`;
    await t.http
      .post('/api/households')
      .set(auth(admin))
      .send({
        id: household,
        street: '赤岗街道',
        address: '赤岗北路 12 号 302',
        ownerIds: [owner.userId, coOwner.userId],
      })
      .expect(201);
    const detector = await connectDevice(t, admin, {
      id: uniqueDeviceId('charge'),
      type: 'charging_detector',
      street: '赤岗街道',
      lat: 23.1066,
      lng: 113.3245,
      householdId: household,
    });
    devices.push(detector);

    // Below the confidence threshold nothing opens.
    await detector.send('event', { ts: t.clock.now().getTime(), type: 'charging_detected', confidence: 0.5 });
    const sentAt = Date.now();
    await detector.send('event', {
      ts: t.clock.now().getTime(),
      type: 'charging_detected',
      confidence: 0.92,
    });
    for (const person of [owner, coOwner]) {
      await eventually(async () => {
        const inbox = await t.http.get('/api/notifications').set(auth(person.token)).expect(200);
        return inbox.body.items.find((item: { template: string }) => item.template === 'charging_alarm');
      }, 1_000);
    }
    expect(Date.now() - sentAt).toBeLessThan(2_000);

    const mine = alarmListSchema.parse(
      (await t.http.get('/api/alarms?mine=1').set(auth(owner.token)).expect(200)).body,
    );
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      type: 'indoor_charging',
      householdId: household,
      confidence: 0.92,
      // A household detector's alarm is labelled with the flat's address.
      site: '赤岗北路 12 号 302',
    });
    const others = await t.http.get('/api/alarms?mine=1').set(auth(stranger.token)).expect(200);
    expect(others.body.items).toEqual([]);
    await t.http
      .post(`/api/alarms/${mine.items[0]?.id}/acknowledge`)
      .set(auth(stranger.token))
      .send({})
      .expect(403);

    // Nobody acknowledged: after the (scaled) 10 minutes the grid and the squad take over with a ticket.
    const escalated = await oneAlarm(detector.id, (alarm) => Boolean(alarm.ticketId), 15_000);
    expect(escalated.timeline.map((entry) => entry.action)).toContain('escalated');
    const ticket = await t.http.get(`/api/tickets/${escalated.ticketId}`).set(auth(admin)).expect(200);
    expect(ticket.body).toMatchObject({ category: 'ebike_indoor_charging' });

    // A later detection while it is open is a repeat, and the owner can still acknowledge.
    await detector.send('event', {
      ts: t.clock.now().getTime(),
      type: 'charging_detected',
      confidence: 0.95,
    });
    await oneAlarm(detector.id, (alarm) => alarm.count === 2);
    const acknowledged = await t.http
      .post(`/api/alarms/${escalated.id}/acknowledge`)
      .set(auth(owner.token))
      .send({ note: '已把车推到充电棚' })
      .expect(200);
    expect(acknowledged.body.status).toBe('acknowledged');
    const households = await t.http.get(`/api/households/${household}`).set(auth(owner.token)).expect(200);
    expect(households.body.chargingAlarmCount).toBe(1);
  });

  it('raises smoke as a critical alarm with an urgent ticket', async () => {
    const detector = await connectDevice(t, admin, {
      id: uniqueDeviceId('smoke'),
      type: 'smoke_detector',
      street: '南石头街道',
      lat: 23.0865,
      lng: 113.2485,
      householdId: `hh-${uniqueDeviceId('s')}`,
    });
    devices.push(detector);
    await detector.send('event', { ts: t.clock.now().getTime(), type: 'smoke_detected', confidence: 0.97 });
    const alarm = await oneAlarm(detector.id, (item) => item.type === 'smoke' && Boolean(item.ticketId));
    expect(alarm.severity).toBe('critical');
    const ticket = await t.http.get(`/api/tickets/${alarm.ticketId}`).set(auth(admin)).expect(200);
    expect(ticket.body).toMatchObject({ category: 'fire_hazard', priority: 'urgent' });
  });
});

describe('the bridge', () => {
  it('processes each message once and survives malformed, oversized and foreign messages', async () => {
    const household = `hh-${uniqueDeviceId('d')}`;
    const detector = await connectDevice(t, admin, {
      id: uniqueDeviceId('charge'),
      type: 'charging_detector',
      street: '华洲街道',
      lat: 23.093,
      lng: 113.352,
      householdId: household,
    });
    const neighbour = await connectDevice(t, admin, {
      id: uniqueDeviceId('charge'),
      type: 'charging_detector',
      street: '华洲街道',
      lat: 23.093,
      lng: 113.352,
      householdId: household,
    });
    devices.push(detector, neighbour);
    const event = { type: 'charging_detected', confidence: 0.9 };
    // A redelivery carries the identical payload: the second copy is dropped.
    const first = { ts: t.clock.now().getTime(), ...event };
    await detector.send('event', first, 5_000);
    await detector.send('event', first, 5_000);
    await detector.client.publishAsync(`devices/${detector.id}/event`, '{not json', { qos: 1 });
    await detector.client.publishAsync(
      `devices/${detector.id}/event`,
      JSON.stringify({ seq: 5_001, ts: 1, type: 'fire' }),
      { qos: 1 },
    );
    await detector.client.publishAsync(`devices/${detector.id}/event`, Buffer.alloc(6_000, 32), { qos: 1 });
    // The broker refuses a device writing under another device's prefix; nothing reaches the bridge.
    neighbour.client.publish(
      `devices/${detector.id}/event`,
      JSON.stringify({ seq: 9_999, ts: t.clock.now().getTime(), ...event }),
      { qos: 1 },
    );
    await detector.send('event', { ts: t.clock.now().getTime(), ...event }, 5_002);

    const alarm = await oneAlarm(
      detector.id,
      (item) => item.lastDetectedAt !== item.openedAt || item.count >= 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [settled] = await alarmsOf(detector.id);
    expect(settled?.count).toBe(2);
    expect(alarm.type).toBe('indoor_charging');
    expect(await alarmsOf(neighbour.id)).toEqual([]);
  });

  it('opens an offline alarm from the Last Will and clears it when the device is heard again', async () => {
    const meter = await connectDevice(
      t,
      admin,
      {
        id: uniqueDeviceId('noise'),
        type: 'noise_meter',
        street: '江南中街道',
        lat: 23.108,
        lng: 113.27,
        zoneClass: '2',
      },
      { will: true },
    );
    await meter.send('status', { ts: t.clock.now().getTime(), status: 'online' });
    await eventually(
      async () => (await t.http.get(`/api/devices/${meter.id}`).set(auth(admin))).body.online === true,
    );
    // Dropped without a DISCONNECT: the broker publishes the Last Will.
    meter.client.stream.destroy();
    const offline = await oneAlarm(meter.id, (alarm) => alarm.type === 'offline');
    expect(offline).toMatchObject({ status: 'active', severity: 'minor' });
    await meter.close();

    const back = await mqtt.connectAsync(t.config.MQTT_URL, {
      clientId: meter.id,
      username: meter.id,
      password: meter.secret,
      reconnectPeriod: 0,
    });
    await back.publishAsync(
      `devices/${meter.id}/status`,
      JSON.stringify({ ts: t.clock.now().getTime(), seq: 50_000, status: 'online' }),
      { qos: 1 },
    );
    await oneAlarm(meter.id, (alarm) => alarm.type === 'offline' && alarm.status === 'cleared');
    await back.endAsync();
  });
});
