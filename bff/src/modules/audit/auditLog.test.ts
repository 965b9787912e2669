import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { auditEntryListSchema, auditRedacted, type AuditEntry } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { signInAsStaff } from '../../testing/staffLogin';
import { auth, chigangSite, north, officerOnDuty, submitReport } from '../../testing/reportFixtures';
import { createLogger } from '../../infra/logger';
import { auditCollection, type AuditDocument } from './auditModel';
import { auditJournal, auditJournalKeys, auditJournalPolicy } from './auditJournal';
import { auditStore, type AuditStore } from './auditStore';

let t: TestApp;
let admin: { token: string; userId: string };
let streetAdmin: { token: string; userId: string };
let dispatcher: { token: string; userId: string };

beforeAll(async () => {
  // The test's requests come from 127.0.0.1, trusted as a proxy, so X-Forwarded-For names the client.
  // No background work: the journal's periodic sweep would race the journal tests' own sweeps.
  t = await startTestApp('audit', { env: { TRUSTED_PROXIES: '127.0.0.1' }, background: false });
  admin = await signInAsStaff(t, 'audit-admin', ['admin', 'dispatcher']);
  streetAdmin = await signInAsStaff(t, 'audit-chigang-admin', ['admin'], '赤岗街道');
  dispatcher = await signInAsStaff(t, 'audit-dispatcher', ['dispatcher']);
});
afterAll(() => t.close());

const search = async (query: string, token = admin.token) => {
  const response = await t.http.get(`/api/audit?${query}`).set(auth(token)).expect(200);
  return auditEntryListSchema.parse(response.body);
};
const entriesFor = async (targetId: string) => (await search(`target=${encodeURIComponent(targetId)}`)).items;
/** Everything the log stores, as stored. */
const storedText = async () =>
  JSON.stringify(await t.mongo.db!.collection(auditCollection).find({}).toArray());
/** Each action a second apart, so newest-first is unambiguous. */
const tick = () => t.clock.advance(1000);

const officerAccount = (username: string, street = '赤岗街道') => ({
  username,
  password: 'a-long-password-77',
  name: `审计${username}`,
  roles: ['officer'],
  street,
});

describe('the audit log records staff actions', () => {
  it('records creating and disabling an account once each, with who, what and from where, and no password', async () => {
    tick();
    const created = await t.http
      .post('/api/users')
      .set(auth(admin.token))
      .set('X-Forwarded-For', '203.0.113.7')
      .set('User-Agent', 'audit-test/1.0')
      .set('X-Request-Id', 'audit-request-0001')
      .send(officerAccount('audit-officer1'))
      .expect(201);
    const userId = created.body.id as string;

    let entries = await entriesFor(userId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'user.create',
      actor: { id: admin.userId, name: '测试audit-admin', roles: ['admin', 'dispatcher'] },
      target: { kind: 'user', id: userId },
      streetId: 'chigang',
      outcome: 'done',
      status: 201,
      method: 'POST',
      path: '/api/users',
      clientAddress: '203.0.113.7',
      userAgent: 'audit-test/1.0',
      requestId: 'audit-request-0001',
      at: t.clock.now().toISOString(),
    });
    expect(entries[0]?.change).toMatchObject({ username: 'audit-officer1', password: auditRedacted });

    tick();
    await t.http
      .patch(`/api/users/${userId}`)
      .set(auth(admin.token))
      .set('X-Forwarded-For', '198.51.100.9')
      .send({ disabled: true })
      .expect(200);
    entries = await entriesFor(userId);
    expect(entries.map((entry) => entry.action)).toEqual(['user.update', 'user.create']);
    expect(entries[0]).toMatchObject({
      change: { disabled: true },
      clientAddress: '198.51.100.9',
      target: { kind: 'user', id: userId },
    });
    expect(await storedText()).not.toContain('a-long-password-77');
  });

  it('records assigning and closing a ticket against the ticket and its street', async () => {
    const officer = await officerOnDuty(t, '审计一号', north(chigangSite, 40));
    const colleague = await officerOnDuty(t, '审计二号', north(chigangSite, 60));
    const resident = await t.loginAs('resident', '审计居民');
    const report = await submitReport(t, resident.token, {}, 201);
    const ticketId = report.body.id as string;
    const other = report.body.assigneeId === officer.userId ? colleague : officer;

    tick();
    await t.http
      .post(`/api/tickets/${ticketId}/assign`)
      .set(auth(admin.token))
      .send({ officerId: other.userId, reason: '就近改派' })
      .expect(200);
    tick();
    await t.http
      .post(`/api/tickets/${ticketId}/close`)
      .set(auth(admin.token))
      .send({ kind: 'invalid', reason: '审计核对' })
      .expect(200);

    const entries = await entriesFor(ticketId);
    expect(entries.map((entry) => entry.action)).toEqual(['ticket.close', 'ticket.assign']);
    expect(entries[1]).toMatchObject({
      actor: { id: admin.userId },
      target: { kind: 'ticket', id: ticketId },
      streetId: 'chigang',
      change: { officerId: other.userId, reason: '就近改派' },
      clientAddress: '127.0.0.1',
    });
    expect(entries[0]).toMatchObject({ change: { kind: 'invalid', reason: '审计核对' }, status: 200 });

    // Going on duty is an officer's own action, recorded against them.
    const duty = (await search(`actor=${officer.userId}&action=officer.duty`)).items;
    expect(duty).toHaveLength(1);
    expect(duty[0]).toMatchObject({ target: { kind: 'user', id: officer.userId }, streetId: 'chigang' });
    // The resident's report is not a staff action.
    expect((await search(`actor=${resident.userId}`)).total).toBe(0);
  });

  it("records a device's registration and secret rotation without storing the secret", async () => {
    const id = `audit-meter-${t.runId}`.slice(0, 64);
    const registered = await t.http
      .post('/api/devices')
      .set(auth(admin.token))
      .send({ id, type: 'noise_meter', street: '华洲街道', lat: 23.093, lng: 113.352, zoneClass: '1' })
      .expect(201);
    tick();
    const rotated = await t.http.post(`/api/devices/${id}/rotate-secret`).set(auth(admin.token)).expect(200);

    const entries = await entriesFor(id);
    expect(entries.map((entry) => entry.action)).toEqual(['device.rotate-secret', 'device.register']);
    expect(entries.every((entry) => entry.streetId === 'huazhou')).toBe(true);
    const stored = await storedText();
    expect(stored).not.toContain(registered.body.secret as string);
    expect(stored).not.toContain(rotated.body.secret as string);
  });

  it('records an export download with what was exported', async () => {
    tick();
    await t.http
      .get('/api/exports/tickets.csv?from=2026-11-01&to=2026-11-30&street=chigang')
      .set(auth(admin.token))
      .expect(200);
    const entries = (await search('action=export.download')).items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      target: { kind: 'export', id: 'tickets.csv' },
      streetId: 'chigang',
      change: { from: '2026-11-01', to: '2026-11-30', street: 'chigang' },
      method: 'GET',
    });
  });

  it('records nothing for a failed request, and a refusal as refused', async () => {
    const created = await t.http
      .post('/api/users')
      .set(auth(admin.token))
      .send(officerAccount('audit-officer2'))
      .expect(201);
    const userId = created.body.id as string;
    const before = (await search('')).total;

    // Invalid, conflicting or unknown: nothing was done, nothing is recorded.
    await t.http.patch(`/api/users/${userId}`).set(auth(admin.token)).send({}).expect(400);
    await t.http.post('/api/users').set(auth(admin.token)).send(officerAccount('audit-officer2')).expect(409);
    const assign = await t.http
      .post('/api/tickets/no-such-ticket/assign')
      .set(auth(admin.token))
      .send({ officerId: userId });
    expect(assign.status).toBeGreaterThanOrEqual(400);
    expect(assign.status).toBeLessThan(500);
    expect((await search('')).total).toBe(before);

    // An attempt beyond one's rights is what an auditor looks for.
    tick();
    await t.http
      .patch(`/api/users/${userId}`)
      .set(auth(dispatcher.token))
      .send({ disabled: true })
      .expect(403);
    const entries = await entriesFor(userId);
    expect(entries[0]).toMatchObject({
      action: 'user.update',
      actor: { id: dispatcher.userId },
      outcome: 'refused',
      status: 403,
    });
    expect((await search('')).total).toBe(before + 1);
    // Nothing is left in the journal: settled entries are dropped from Redis once stored.
    expect(await t.redis.hlen(auditJournalKeys.open)).toBe(0);
  });
});

describe('searching the audit log', () => {
  it('filters by actor, action, target, street and Beijing days, newest first, a page at a time', async () => {
    const all = await search('limit=200');
    expect(all.total).toBe(all.items.length);
    const times = all.items.map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);

    const byAction = await search('action=user.create');
    expect(byAction.items.length).toBeGreaterThan(0);
    expect(byAction.items.every((entry) => entry.action === 'user.create')).toBe(true);
    const byActor = await search(`actor=${dispatcher.userId}`);
    expect(byActor.items.every((entry) => entry.actor.id === dispatcher.userId)).toBe(true);
    expect(byActor.total).toBeGreaterThan(0);
    expect((await search(`actor=${encodeURIComponent('测试audit-dispatcher')}`)).total).toBe(byActor.total);
    const huazhou = await search('street=华洲街道');
    expect(huazhou.items.length).toBeGreaterThan(0);
    expect(huazhou.items.every((entry) => entry.streetId === 'huazhou')).toBe(true);

    const today = t.clock.now().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect((await search(`from=${today}&to=${today}`)).total).toBe(all.total);
    expect((await search('from=2020-01-01&to=2020-01-31')).total).toBe(0);

    const page = await search('limit=2&offset=1');
    expect(page.items.map((entry) => entry.id)).toEqual(all.items.slice(1, 3).map((entry) => entry.id));
    expect(page.total).toBe(all.total);
  });

  it("shows a street's administrator only their street's entries", async () => {
    const own = await search('limit=200', streetAdmin.token);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((entry: AuditEntry) => entry.streetId === 'chigang')).toBe(true);
    expect((await search('street=chigang&limit=200', streetAdmin.token)).total).toBe(own.total);
    const refused = await t.http.get('/api/audit?street=huazhou').set(auth(streetAdmin.token)).expect(403);
    expect(refused.body.error.code).toBe('forbidden');
    await t.http.get('/api/audit').set(auth(dispatcher.token)).expect(403);
  });
});

describe('the audit journal', () => {
  const entry = (id: string): AuditDocument => ({
    _id: id,
    at: t.clock.now(),
    actorId: 'u-journal',
    actorName: '日志测试',
    actorRoles: ['admin'],
    action: 'user.update',
    targetKind: 'user',
    targetId: 'u-target',
    streetId: null,
    outcome: 'interrupted',
    status: null,
    change: null,
    method: 'PATCH',
    path: '/api/users/u-target',
    clientAddress: '127.0.0.1',
    userAgent: '',
    requestId: `request-${id}`,
  });
  const logger = createLogger('silent');

  it('records a request its BFF never finished as interrupted, once it is clearly over', async () => {
    const store = auditStore(t.mongo);
    const journal = auditJournal({ redis: t.redis, store, clock: t.clock, logger });
    const id = `crashed-${t.runId}`;
    await journal.open(entry(id));
    expect(await journal.sweep()).toBe(0);
    t.clock.advance(auditJournalPolicy.interruptedAfterMs + 1);
    expect(await journal.sweep()).toBe(1);
    const found = await entriesFor('u-target');
    expect(found.find((item) => item.id === id)).toMatchObject({ outcome: 'interrupted', status: null });
    expect(await t.redis.hexists(auditJournalKeys.open, id)).toBe(0);
  });

  it('keeps a finished entry MongoDB refused in Redis until the sweep stores it', async () => {
    const store = auditStore(t.mongo);
    const failing: AuditStore = {
      ...store,
      append: () => Promise.reject(new Error('MongoDB away')),
    };
    const id = `unstored-${t.runId}`;
    const finished = { ...entry(id), outcome: 'done' as const, status: 200 };
    const away = auditJournal({ redis: t.redis, store: failing, clock: t.clock, logger });
    await away.open(finished);
    await away.settle(finished);
    expect(await t.redis.hexists(auditJournalKeys.open, id)).toBe(1);

    const back = auditJournal({ redis: t.redis, store, clock: t.clock, logger });
    expect(await back.sweep()).toBe(1);
    const found = (await entriesFor('u-target')).find((item) => item.id === id);
    expect(found).toMatchObject({ outcome: 'done', status: 200 });
    // A second sweep, or another instance's, stores nothing twice.
    await back.settle(finished);
    expect((await entriesFor('u-target')).filter((item) => item.id === id)).toHaveLength(1);
  });

  it('refuses with 503 when Redis cannot take the entry ahead of the action', async () => {
    const away = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false });
    away.on('error', () => undefined);
    const journal = auditJournal({ redis: away, store: auditStore(t.mongo), clock: t.clock, logger });
    await expect(journal.open(entry(`refused-${t.runId}`))).rejects.toMatchObject({
      status: 503,
      code: 'dependency_unavailable',
    });
    away.disconnect();
  });

  it('is append-only: no code updates or deletes an entry', () => {
    const sources = readdirSync(__dirname)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => readFileSync(join(__dirname, name), 'utf8'));
    const changing =
      /\.(update\w*|delete\w*|remove\w*|replace\w*|findOneAnd\w*|findByIdAnd\w*|bulkWrite|drop\w*)\(/;
    expect(sources.filter((source) => changing.test(source))).toEqual([]);
    // And nothing outside the module reaches the collection.
    const outside = readdirSync(join(__dirname, '..'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts') && !name.startsWith('audit'))
      .filter((name) => readFileSync(join(__dirname, '..', name), 'utf8').includes('audit/auditModel'));
    expect(outside).toEqual([]);
  });
});
