import { notificationListSchema, unreadCountSchema, type NotificationTemplate } from '@jiefang/contracts';
import { createLogger } from '../../../infra/logger';
import { startTestApp, type TestApp } from '../../../testing/testApp';
import { notificationOutbox } from '../notificationOutbox';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('notification_inbox', { background: false });
});
afterAll(() => t.close());

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Stores notifications the way every module does (the outbox), without sending them. */
const enqueue = (
  recipientId: string,
  items: Array<{ id: string; template: string; data?: Record<string, string> }>,
) =>
  notificationOutbox({
    connection: t.mongo,
    redis: t.redis,
    // Nothing is delivered here (no background work): the inbox reads what is stored.
    sender: { send: async () => ({ ok: true, channel: 'inbox' }) },
    clock: t.clock,
    logger: createLogger('silent'),
  }).enqueue(
    // A template this build does not know is among them on purpose.
    items.map((item) => ({
      recipientId,
      data: {},
      ...item,
      template: item.template as NotificationTemplate,
    })),
  );

const inbox = async (token: string, query = '') =>
  notificationListSchema.parse(
    (await t.http.get(`/api/notifications${query}`).set(auth(token)).expect(200)).body,
  );
const unread = async (token: string) =>
  unreadCountSchema.parse(
    (await t.http.get('/api/notifications/unread-count').set(auth(token)).expect(200)).body,
  ).unread;

describe('the inbox (消息)', () => {
  it('shows each notification with its title, sentence and subject from the catalogue, newest first', async () => {
    const resident = await t.loginAs('resident', '收件居民');
    await enqueue(resident.userId, [
      { id: 'inbox-a1', template: 'officer_on_site', data: { ticketId: 'T-1', category: '占道经营' } },
    ]);
    t.clock.advance(1000);
    await enqueue(resident.userId, [
      { id: 'inbox-a2', template: 'escort_accepted', data: { escortId: 'E-1', elderName: '李奶奶' } },
      { id: 'inbox-a3', template: 'retired_template', data: {} },
    ]);

    const { items, nextBefore } = await inbox(resident.token);
    expect(items.map((item) => item.id)).toEqual(['inbox-a3', 'inbox-a2', 'inbox-a1']);
    expect(items[2]).toMatchObject({
      title: '执法队员已到场',
      body: '您反映的“占道经营”，执法队员已到达现场。',
      subject: { kind: 'ticket', id: 'T-1' },
      status: 'pending',
      readAt: null,
    });
    expect(items[1]).toMatchObject({
      title: '陪护已有人接单',
      body: '李奶奶的陪护已有志愿者接单。',
      subject: { kind: 'escort', id: 'E-1' },
    });
    expect(items[0]).toMatchObject({ title: '新消息', body: '', subject: { kind: null, id: null } });
    expect(nextBefore).toBeNull();
    expect(await unread(resident.token)).toBe(3);
  });

  it('pages with the cursor without skipping notifications created at the same moment', async () => {
    const resident = await t.loginAs('resident', '翻页居民');
    await enqueue(
      resident.userId,
      Array.from({ length: 5 }, (_, index) => ({
        id: `page-${index}`,
        template: 'ticket_resolved',
        data: { ticketId: `T-${index}` },
      })),
    );
    const first = await inbox(resident.token, '?limit=2');
    const second = await inbox(resident.token, `?limit=2&before=${encodeURIComponent(first.nextBefore!)}`);
    const third = await inbox(resident.token, `?limit=2&before=${encodeURIComponent(second.nextBefore!)}`);
    expect([...first.items, ...second.items, ...third.items].map((item) => item.id)).toEqual([
      'page-4',
      'page-3',
      'page-2',
      'page-1',
      'page-0',
    ]);
    expect(third.nextBefore).toBeNull();
    await t.http.get('/api/notifications?before=garbage').set(auth(resident.token)).expect(400);
  });

  it('marks only the caller’s own notifications read: another user’s id is ignored', async () => {
    const owner = await t.loginAs('resident', '自己');
    const other = await t.loginAs('resident', '别人');
    await enqueue(owner.userId, [
      { id: 'own-1', template: 'ticket_assigned', data: { ticketId: 'T-9' } },
      { id: 'own-2', template: 'ticket_resolved', data: { ticketId: 'T-9' } },
    ]);
    await enqueue(other.userId, [{ id: 'others-1', template: 'ticket_assigned', data: { ticketId: 'T-8' } }]);
    t.clock.advance(5000);

    const { body } = await t.http
      .post('/api/notifications/read')
      .set(auth(owner.token))
      .send({ ids: ['own-1', 'others-1', 'own-1', 'nobody'] })
      .expect(200);
    expect(body).toEqual({ marked: 1, unread: 1 });

    const mine = await inbox(owner.token);
    expect(mine.items.find((item) => item.id === 'own-1')?.readAt).toBe(t.clock.now().toISOString());
    expect(mine.items.find((item) => item.id === 'own-2')?.readAt).toBeNull();
    const theirs = await inbox(other.token);
    expect(theirs.items.map((item) => [item.id, item.readAt])).toEqual([['others-1', null]]);
    expect(await unread(other.token)).toBe(1);
    // Reading it again marks nothing more and keeps the first time.
    await t.http
      .post('/api/notifications/read')
      .set(auth(owner.token))
      .send({ ids: ['own-1'] })
      .expect(200, {
        marked: 0,
        unread: 1,
      });
  });

  it('marks everything read with 全部已读, then counts only what comes after', async () => {
    const resident = await t.loginAs('resident', '全部已读');
    const neighbour = await t.loginAs('resident', '邻居');
    await enqueue(resident.userId, [
      { id: 'all-1', template: 'ticket_assigned', data: { ticketId: 'T-1' } },
      { id: 'all-2', template: 'officer_on_site', data: { ticketId: 'T-1' } },
    ]);
    await enqueue(neighbour.userId, [
      { id: 'all-n', template: 'ticket_assigned', data: { ticketId: 'T-2' } },
    ]);
    expect(await unread(resident.token)).toBe(2);

    await t.http
      .post('/api/notifications/read')
      .set(auth(resident.token))
      .send({ all: true })
      .expect(200, { marked: 2, unread: 0 });
    expect((await inbox(resident.token)).items.every((item) => item.readAt !== null)).toBe(true);
    expect(await unread(neighbour.token)).toBe(1);

    t.clock.advance(1000);
    await enqueue(resident.userId, [{ id: 'all-3', template: 'ticket_resolved', data: { ticketId: 'T-1' } }]);
    expect(await unread(resident.token)).toBe(1);
    expect((await inbox(resident.token)).items[0]).toMatchObject({ id: 'all-3', readAt: null });
  });

  it('refuses a read request that names neither ids nor all', async () => {
    const resident = await t.loginAs('resident', '坏请求');
    for (const body of [{}, { ids: [] }, { all: false }, { ids: ['a'], all: true }]) {
      await t.http.post('/api/notifications/read').set(auth(resident.token)).send(body).expect(400);
    }
  });
});
