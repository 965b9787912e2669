import type { Redis } from 'ioredis';
import { photoRefSchema, reportSubmissionSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, chigangSite, newIdempotencyKey, phonePhoto } from '../../testing/reportFixtures';
import { photoUploadPolicy, photoUploads } from './photoUploads';
import { testRedis } from '../../testing/testRedis';

describe('photoUploads (Redis)', () => {
  // Each test on keys of its own.
  let redis: Redis;
  let dispose: () => Promise<void>;
  beforeEach(() => {
    ({ redis, dispose } = testRedis('uploads'));
  });
  afterEach(() => dispose());

  const photo = (n: number) => ({ id: `a${n}`.padStart(24, '0'), thumbnailId: `b${n}`.padStart(24, '0') });

  it('hands a resident their own uploads all or none, once, and takes back what a failed intake returns', async () => {
    const uploads = photoUploads(redis);
    const at = new Date('2026-12-01T10:00:00Z');
    await uploads.register('amy', photo(1), at);
    await uploads.register('amy', photo(2), at);
    await uploads.register('bob', photo(3), at);

    await expect(uploads.take('amy', [photo(1).id, photo(3).id])).rejects.toMatchObject({
      status: 422,
      details: { fields: [{ path: 'photoIds.1' }] },
    });
    // Refused as a whole: amy's first photo is still hers to use.
    expect(await uploads.take('amy', [photo(1).id, photo(2).id])).toEqual([photo(1), photo(2)]);
    await expect(uploads.take('amy', [photo(1).id])).rejects.toMatchObject({ status: 422 });

    await uploads.giveBack('amy', [photo(1)], at);
    expect(await uploads.take('amy', [photo(1).id])).toEqual([photo(1)]);
  });

  it('gives up uploads no report took within a day, and only those', async () => {
    const uploads = photoUploads(redis);
    const at = new Date('2026-12-02T10:00:00Z');
    await uploads.register('cai', photo(4), at);
    await uploads.register('cai', photo(5), new Date(at.getTime() + 3600_000));
    const dayLater = new Date(at.getTime() + photoUploadPolicy.keepUnusedForMs + 60_000);
    expect(await uploads.takeExpired(dayLater)).toEqual([photo(4)]);
    expect(await uploads.takeExpired(dayLater)).toEqual([]);
    await expect(uploads.take('cai', [photo(4).id])).rejects.toMatchObject({ status: 422 });
    expect(await uploads.take('cai', [photo(5).id])).toEqual([photo(5)]);
  });
});

describe('POST /api/photos, then a JSON report naming them', () => {
  let t: TestApp;
  let resident: { token: string; userId: string };
  let neighbour: { token: string; userId: string };
  beforeAll(async () => {
    t = await startTestApp('photo_uploads', { background: false, env: { REPORT_RATE_LIMIT: '50' } });
    resident = await t.loginAs('resident', '陈伯');
    neighbour = await t.loginAs('resident', '刘姐');
  });
  afterAll(() => t.close());

  const upload = (token: string, data: Buffer | Buffer[], name = 'p.jpg') => {
    let request = t.http.post('/api/photos').set(auth(token));
    for (const item of Array.isArray(data) ? data : [data]) request = request.attach('photos', item, name);
    return request;
  };
  const report = (token: string, photoIds: string[], key = newIdempotencyKey()) =>
    t.http.post('/api/reports').set(auth(token)).set('Idempotency-Key', key).send({
      category: 'garbage',
      lat: chigangSite.lat,
      lng: chigangSite.lng,
      address: '赤岗北路',
      description: '垃圾堆在路边',
      photoIds,
    });
  const fileCount = async () => (await t.mongo.db?.collection('photos.files').countDocuments()) ?? 0;

  it('stores an upload stripped, with a thumbnail, and a report takes it exactly once', async () => {
    const uploaded = photoRefSchema.parse(
      (await upload(resident.token, await phonePhoto()).expect(201)).body,
    );
    const served = await t.http.get(uploaded.url).expect(200);
    expect(served.headers['content-type']).toBe('image/jpeg');

    const key = newIdempotencyKey();
    const created = reportSubmissionSchema.parse(
      (await report(resident.token, [uploaded.id], key).expect(201)).body,
    );
    expect(created.photos.map((photo) => photo.id)).toEqual([uploaded.id]);
    expect(created.category).toBe('garbage');

    // The draft's retry gets the same ticket; another report cannot take the photo again.
    const replay = await report(resident.token, [uploaded.id], key).expect(200);
    expect(replay.body.id).toBe(created.id);
    const again = await report(resident.token, [uploaded.id]).expect(422);
    expect(again.body.error.details.fields[0].path).toBe('photoIds.0');
  });

  it("refuses someone else's upload and leaves it to its owner", async () => {
    const theirs = (await upload(neighbour.token, await phonePhoto('#c33')).expect(201)).body as {
      id: string;
    };
    await report(resident.token, [theirs.id]).expect(422);
    await report(neighbour.token, [theirs.id]).expect(201);
  });

  it('refuses bad uploads and bad references before storing anything', async () => {
    const before = await fileCount();
    await upload(resident.token, Buffer.from('not a photo at all')).expect(415);
    await upload(resident.token, Buffer.alloc(0)).expect(415);
    await upload(resident.token, [await phonePhoto(), await phonePhoto('#123')]).expect(400);
    // Officers upload after-photos ahead too (a resolve names them); other roles may not upload.
    const volunteer = await t.loginAs('volunteer', '周志愿者');
    await upload(volunteer.token, await phonePhoto()).expect(403);
    await t.http
      .post('/api/photos')
      .attach('photos', await phonePhoto(), 'p.jpg')
      .expect(401);
    expect(await fileCount()).toBe(before);

    const invalid = await report(resident.token, ['../../etc/passwd']).expect(400);
    expect(invalid.body.error.details.fields[0].path).toBe('photoIds.0');
    await report(resident.token, []).expect(400);
  });
});
