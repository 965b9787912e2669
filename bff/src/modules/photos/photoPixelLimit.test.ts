import { deflateSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, phonePhoto, submitReport } from '../../testing/reportFixtures';
import { photoLimits } from '@jiefang/contracts';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A valid PNG header claiming width × height RGB pixels, with one compressed row of data: a few hundred bytes. */
function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, adaptive filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let t: TestApp;
let resident: { token: string; userId: string };
beforeAll(async () => {
  t = await startTestApp('photo_pixels', { background: false, env: { REPORT_RATE_LIMIT: '20' } });
  resident = await t.loginAs('resident', '像素测试');
});
afterAll(() => t.close());

const storedFiles = async () => (await t.mongo.db?.collection('photos.files').countDocuments()) ?? 0;

describe('pixel limit', () => {
  const huge = pngClaiming(8944, 8944); // about 80 megapixels

  it('refuses an upload whose header claims 80 megapixels with 413, before decoding it', async () => {
    expect(huge.length).toBeLessThan(64 * 1024);
    const response = await t.http
      .post('/api/photos')
      .set(auth(resident.token))
      .attach('photos', huge, 'huge.png')
      .expect(413);
    expect(response.body.error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringMatching(/像素/),
      details: { width: 8944, height: 8944, maxPixels: photoLimits.maxPixels },
    });
    expect(await storedFiles()).toBe(0);
  });

  it('refuses a report carrying one such photo among good ones, storing none of them', async () => {
    const response = await submitReport(t, resident.token, {
      photos: [{ data: await phonePhoto() }, { data: huge, name: 'huge.png' }],
    });
    expect(response.status).toBe(413);
    expect(response.body.error.details.fields[0].path).toBe('photos.1');
    expect(await storedFiles()).toBe(0);
  });
});
