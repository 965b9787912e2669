import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { Readable } from 'node:stream';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { photoStore } from './photoStore';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('photo_store', { background: false });
});
afterAll(() => t.close());

const bytesOf = async (stream: NodeJS.ReadableStream) => {
  const parts: Buffer[] = [];
  for await (const part of Readable.from(stream)) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
};
const countIn = async (collection: string) =>
  (await t.mongo.db?.collection(collection).countDocuments()) ?? 0;

describe('photoStore', () => {
  it('reads back a photo of several chunks byte for byte, and removing it leaves no chunk behind', async () => {
    const store = photoStore(t.mongo);
    // Over two GridFS chunks of 255 KiB each.
    const data = randomBytes(600 * 1024);
    const thumbnail = randomBytes(1000);
    const before = { files: await countIn('photos.files'), chunks: await countIn('photos.chunks') };
    const saved = await store.save(
      { data, thumbnail, contentType: 'image/jpeg', width: 10, height: 10 },
      { uploadedBy: 'u1', kind: 'report' },
    );
    expect(await countIn('photos.chunks')).toBe(before.chunks + 4);

    const opened = await store.open(saved.id);
    expect(opened).toMatchObject({ contentType: 'image/jpeg', length: data.length });
    expect((await bytesOf(opened!.stream)).equals(data)).toBe(true);
    expect((await bytesOf((await store.open(saved.thumbnailId))!.stream)).equals(thumbnail)).toBe(true);

    await store.remove([saved.id, saved.thumbnailId]);
    expect(await store.open(saved.id)).toBeNull();
    expect({ files: await countIn('photos.files'), chunks: await countIn('photos.chunks') }).toEqual(before);
  });

  it('still reads and removes photos whose chunks GridFS itself wrote', async () => {
    const store = photoStore(t.mongo);
    const { mongo } = await import('mongoose');
    const bucket = new mongo.GridFSBucket(t.mongo.db!, { bucketName: 'photos' });
    const upload = bucket.openUploadStream('old.jpeg', { metadata: { contentType: 'image/jpeg' } });
    upload.end(Buffer.from('an older photo'));
    await new Promise((resolve) => upload.once('finish', resolve));
    const id = upload.id.toString();

    expect(await text((await store.open(id))!.stream as Readable)).toBe('an older photo');
    await store.remove([id]);
    expect(await store.open(id)).toBeNull();
    expect(await t.mongo.db?.collection('photos.chunks').countDocuments({ files_id: upload.id })).toBe(0);
  });
});
