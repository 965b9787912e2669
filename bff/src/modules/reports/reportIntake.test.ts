import sharp from 'sharp';
import { reportSubmissionSchema, ticketSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import {
  auth,
  chigangSite,
  eventually,
  north,
  officerOnDuty,
  phonePhoto,
  submitReport,
} from '../../testing/reportFixtures';

let t: TestApp;
let resident: { token: string; userId: string };

beforeAll(async () => {
  t = await startTestApp('report_intake', { env: { REPORT_RATE_LIMIT: '50' } });
  resident = await t.loginAs('resident', '王阿姨');
});
afterAll(() => t.close());

const photoCount = async () => (await t.mongo.db?.collection('photos.files').countDocuments()) ?? 0;
const ticketCount = async () => (await t.mongo.db?.collection('tickets').countDocuments()) ?? 0;

describe('POST /api/reports', () => {
  it('routes a report to its street and assigns the nearest on-duty officer of that squad, within the request', async () => {
    const far = await officerOnDuty(t, '远处队员', north(chigangSite, 800));
    const near = await officerOnDuty(t, '近处队员', north(chigangSite, 120));
    await officerOnDuty(t, '江南中队员', north(chigangSite, 50), '江南中街道');

    const started = Date.now();
    const response = await submitReport(t, resident.token, {}, 201);
    const elapsed = Date.now() - started;
    const ticket = reportSubmissionSchema.parse(response.body);
    expect(ticket).toMatchObject({
      outcome: 'created',
      status: 'assigned',
      streetId: 'chigang',
      squadId: 'squad-chigang',
      assigneeId: near.userId,
      categoryName: '占道经营',
      reporterCount: 1,
    });
    expect(ticket.assigneeId).not.toBe(far.userId);
    expect(ticket.deadlines.acceptBy).not.toBeNull();
    expect(ticket.timeline.map((entry) => entry.action)).toEqual(['report', 'assign']);
    // The resident sees the milestone; who was sent, and why, is for staff.
    expect(ticket.timeline[1]?.details).toBeUndefined();
    const staffView = await t.http.get(`/api/tickets/${ticket.id}`).set(auth(near.token)).expect(200);
    expect(staffView.body.timeline[1]?.details).toMatchObject({ officerId: near.userId });
    expect(elapsed).toBeLessThan(2000);

    // Both the officer and the resident get told, through the outbox.
    await eventually(async () => {
      const inbox = await t.http.get('/api/notifications').set(auth(near.token)).expect(200);
      return inbox.body.items.some((item: { template: string }) => item.template === 'new_assignment');
    });
    const residentInbox = await t.http.get('/api/notifications').set(auth(resident.token)).expect(200);
    expect(residentInbox.body.items.map((item: { template: string }) => item.template)).toContain(
      'ticket_assigned',
    );
  });

  it('answers a retry with the same Idempotency-Key with the first ticket', async () => {
    const photo = await phonePhoto('#123456');
    const first = await submitReport(
      t,
      resident.token,
      { key: 'retry-key-0001', category: 'garbage', photos: [{ data: photo }] },
      201,
    );
    const before = await ticketCount();
    const photosBefore = await photoCount();
    const again = await submitReport(
      t,
      resident.token,
      { key: 'retry-key-0001', category: 'garbage', photos: [{ data: photo }] },
      200,
    );
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.outcome).toBe('replayed');
    expect(await ticketCount()).toBe(before);
    // The retry's own copies of the photos are not kept.
    expect(await photoCount()).toBe(photosBefore);

    const reused = await submitReport(t, resident.token, { key: 'retry-key-0001', category: 'noise' }, 422);
    expect(reused.body.error.code).toBe('unprocessable');
  });

  it('joins a report of the same category within 50 m and 30 minutes to the open ticket', async () => {
    const site = north(chigangSite, 2000);
    const first = await submitReport(t, resident.token, { category: 'road_damage', ...site }, 201);
    const neighbour = await t.loginAs('resident', '李大爷');
    const second = await submitReport(
      t,
      neighbour.token,
      { category: 'road_damage', ...north(site, 30) },
      201,
    );
    expect(second.body).toMatchObject({ id: first.body.id, outcome: 'joined', reporterCount: 2 });
    expect(second.body.timeline.at(-1).action).toBe('report_joined');

    const elsewhere = await submitReport(
      t,
      neighbour.token,
      { category: 'road_damage', ...north(site, 120) },
      201,
    );
    expect(elsewhere.body.id).not.toBe(first.body.id);
    const otherCategory = await submitReport(
      t,
      neighbour.token,
      { category: 'garbage', ...north(site, 10) },
      201,
    );
    expect(otherCategory.body.id).not.toBe(first.body.id);

    // The second reporter follows the joined ticket too.
    const mine = await t.http.get('/api/reports?mine=1').set(auth(neighbour.token)).expect(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(first.body.id);
  });

  it("answers a resident's second report of their own open ticket with that ticket, keeping nothing extra", async () => {
    const site = { lat: chigangSite.lat + 0.003, lng: chigangSite.lng + 0.01 };
    const first = await submitReport(t, resident.token, { category: 'fallen_tree', ...site }, 201);
    const photosBefore = await photoCount();
    const again = await submitReport(t, resident.token, { category: 'fallen_tree', ...north(site, 10) }, 201);
    expect(again.body).toMatchObject({ id: first.body.id, outcome: 'joined', reporterCount: 1 });
    expect(await photoCount()).toBe(photosBefore);
  });

  it('sends a report outside every street to the dispatcher queue and tells the dispatchers', async () => {
    const dispatcher = await t.loginAs('dispatcher', '值班调度');
    const response = await submitReport(
      t,
      resident.token,
      { lat: 23.2, lng: 113.5, category: 'fallen_tree' },
      201,
    );
    expect(response.body).toMatchObject({ status: 'dispatch_queue', streetId: null, assigneeId: null });
    // Queueing is the staff's working: the resident's timeline shows their report, milestones only.
    expect(response.body.timeline.map((entry: { action: string }) => entry.action)).toEqual(['report']);
    await eventually(async () => {
      const inbox = await t.http.get('/api/notifications').set(auth(dispatcher.token)).expect(200);
      return inbox.body.items.some(
        (item: { template: string; data: { ticketId: string } }) =>
          item.template === 'dispatch_queue_alarm' && item.data.ticketId === response.body.id,
      );
    });
  });

  it('queues a report in its street when no officer is near enough', async () => {
    const response = await submitReport(
      t,
      resident.token,
      { lat: 23.094, lng: 113.252, category: 'garbage' },
      201,
    );
    expect(response.body).toMatchObject({
      status: 'dispatch_queue',
      streetId: 'nanshitou',
      assigneeId: null,
    });
  });

  it('strips EXIF GPS and device data from stored photos and serves them only through signed links', async () => {
    expect((await sharp(await phonePhoto()).metadata()).exif).toBeDefined();
    const response = await submitReport(
      t,
      resident.token,
      { category: 'other', ...north(chigangSite, 2600) },
      201,
    );
    const [photo] = ticketSchema.parse(response.body).photos;
    expect(photo).toBeDefined();
    const image = await t.http
      .get(photo!.url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    const metadata = await sharp(image.body as Buffer).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.width).toBe(64);
    await t.http.get(photo!.thumbnailUrl).expect(200);

    const tampered = photo!.url.replace(/signature=[^&]+/, 'signature=forged');
    await t.http.get(tampered).expect(403);
  });

  it.each([
    ['a text file renamed .jpg', Buffer.from('this is not an image at all, just text'), 415],
    ['an empty file', Buffer.alloc(0), 415],
    [
      'an SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'),
      415,
    ],
    [
      'a 20 MB file',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20 * 1024 * 1024)]),
      413,
    ],
  ])('refuses %s and stores nothing', async (_name, data, status) => {
    const photosBefore = await photoCount();
    const ticketsBefore = await ticketCount();
    const good = await phonePhoto();
    const response = await submitReport(t, resident.token, {
      category: 'oil_fume',
      photos: [{ data: good }, { data, name: 'evidence.jpg' }],
    });
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(status === 413 ? 'payload_too_large' : 'unsupported_media_type');
    expect(await photoCount()).toBe(photosBefore);
    expect(await ticketCount()).toBe(ticketsBefore);
  });

  it('checks the fields, the photo count and the Idempotency-Key', async () => {
    const invalid = await submitReport(t, resident.token, { category: 'jaywalking', lat: 123 }, 400);
    const paths = invalid.body.error.details.fields.map((field: { path: string }) => field.path).sort();
    expect(paths).toEqual(['category', 'lat']);
    await submitReport(t, resident.token, { photos: [] }, 400);
    const tooLong = await submitReport(t, resident.token, { description: '长'.repeat(501) }, 400);
    expect(tooLong.body.error.details.fields[0].path).toBe('description');
    const noKey = await t.http
      .post('/api/reports')
      .set(auth(resident.token))
      .field('category', 'garbage')
      .expect(400);
    expect(noKey.body.error.details.fields[0].path).toBe('Idempotency-Key');
    // JSON names photos uploaded before; it cannot carry them.
    const jsonWithoutPhotos = await t.http
      .post('/api/reports')
      .set(auth(resident.token))
      .set('Idempotency-Key', 'json-body-1')
      .send({ category: 'garbage', lat: 23.1, lng: 113.3 })
      .expect(400);
    expect(jsonWithoutPhotos.body.error.details.fields[0].path).toBe('photoIds');
    await t.http
      .post('/api/reports')
      .set(auth(resident.token))
      .set('Idempotency-Key', 'text-body-1')
      .set('Content-Type', 'text/plain')
      .send('category=garbage')
      .expect(415);
  });

  it('lets only residents report', async () => {
    const officer = await t.loginAs('officer', '想上报的队员', '赤岗街道');
    await submitReport(t, officer.token, {}, 403);
    await submitReport(t, '', {}, 401);
  });
});

describe('GET /api/categories', () => {
  it('lists the ten issue categories and fire hazards with Chinese names and SLAs', async () => {
    const response = await t.http.get('/api/categories').expect(200);
    expect(response.body.items).toHaveLength(11);
    expect(response.body.items.find((item: { code: string }) => item.code === 'fire_hazard')).toMatchObject({
      name: '消防隐患',
      priority: 'urgent',
    });
    expect(response.body.items.find((item: { code: string }) => item.code === 'manhole_cover')).toMatchObject(
      {
        name: '井盖缺失',
        onSiteSlaMinutes: 15,
      },
    );
  });
});

describe('rate limit on submissions', () => {
  it('answers 429 with Retry-After once a resident sends too many', async () => {
    const limited = await startTestApp('report_rate', { env: { REPORT_RATE_LIMIT: '2' } });
    try {
      const flooder = await limited.loginAs('resident', '刷单者');
      await submitReport(limited, flooder.token, { category: 'other' }, 201);
      await submitReport(limited, flooder.token, { category: 'garbage' }, 201);
      const third = await submitReport(limited, flooder.token, { category: 'noise' }, 429);
      expect(third.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});
