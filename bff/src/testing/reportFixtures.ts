import sharp from 'sharp';
import type { Role } from '@jiefang/contracts';
import type { TestApp } from './testApp';

/** A small real JPEG carrying EXIF camera and GPS data, like a phone photo. */
export async function phonePhoto(colour = '#3a7'): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'TP-1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '23/1 6/1 24/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '113/1 19/1 28/1',
      },
    })
    .toBuffer();
}

export const chigangSite = { lat: 23.1066, lng: 113.3245 };

/** Moves a point north by metres (≈ 111.32 km per degree of latitude). */
export const north = (point: { lat: number; lng: number }, metres: number) => ({
  lat: point.lat + metres / 111_320,
  lng: point.lng,
});

export interface ReportInput {
  category?: string;
  lat?: number;
  lng?: number;
  address?: string;
  description?: string;
  anonymous?: boolean;
  photos?: Array<{ data: Buffer; name?: string }>;
  key?: string;
}

let keyCounter = 0;
export const newIdempotencyKey = () => `test-key-${Date.now()}-${(keyCounter += 1)}`;

/** Submits a report; with expectedStatus, fails with the response body when the status differs. */
export async function submitReport(
  t: TestApp,
  token: string,
  input: ReportInput = {},
  expectedStatus?: number,
) {
  const photos = input.photos ?? [{ data: await phonePhoto() }];
  let request = t.http
    .post('/api/reports')
    .set('Authorization', `Bearer ${token}`)
    .set('Idempotency-Key', input.key ?? newIdempotencyKey())
    .field('category', input.category ?? 'street_vending')
    .field('lat', String(input.lat ?? chigangSite.lat))
    .field('lng', String(input.lng ?? chigangSite.lng))
    .field('address', input.address ?? '广州塔南广场')
    .field('description', input.description ?? '有人占道摆卖')
    .field('anonymous', String(input.anonymous ?? false));
  for (const [index, photo] of photos.entries()) {
    request = request.attach('photos', photo.data, {
      filename: photo.name ?? `photo-${index}.jpg`,
      contentType: 'image/jpeg',
    });
  }
  const response = await request;
  if (expectedStatus !== undefined && response.status !== expectedStatus) {
    throw new Error(`expected ${expectedStatus}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response;
}

/** Signs an officer in, puts them on duty and shares a position. */
export async function officerOnDuty(
  t: TestApp,
  name: string,
  position: { lat: number; lng: number },
  street = '赤岗街道',
  role: Role = 'officer',
): Promise<{ token: string; userId: string }> {
  const officer = await t.loginAs(role, name, street);
  await t.http
    .post('/api/officer/duty')
    .set('Authorization', `Bearer ${officer.token}`)
    .send({ onDuty: true, travelMode: 'ebike' })
    .expect(200);
  await t.http
    .post('/api/officer/location')
    .set('Authorization', `Bearer ${officer.token}`)
    .send({ ...position, accuracy: 10 })
    .expect(200);
  return officer;
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Polls until the check passes or the time is up; for effects of background timers. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
