import { describe, expect, it } from 'vitest';
import { addPhotos, amapMarkerUrl, locationDue } from './photos';

const jpeg = (name: string, size = 1000) => ({ name, size, type: 'image/jpeg' });

describe('addPhotos', () => {
  it('keeps acceptable photos and explains the rest', () => {
    const result = addPhotos(
      [jpeg('a.jpg')],
      [
        jpeg('b.jpg'),
        { name: 'c.heic', size: 1000, type: 'image/heic' },
        jpeg('d.jpg', 11 * 1024 * 1024),
        jpeg('e.jpg', 0),
      ],
    );
    expect(result.photos.map((photo) => photo.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(result.problems).toEqual([
      '“c.heic”不是 JPEG、PNG 或 WebP 图片',
      '“d.jpg”超过 10 MB',
      '“e.jpg”超过 10 MB',
    ]);
  });

  it('stops at nine photos and says so once', () => {
    const eight = Array.from({ length: 8 }, (_, i) => jpeg(`${i}.jpg`));
    const result = addPhotos(eight, [jpeg('x.jpg'), jpeg('y.jpg'), jpeg('z.jpg')]);
    expect(result.photos).toHaveLength(9);
    expect(result.problems).toEqual(['最多 9 张照片']);
  });
});

describe('amapMarkerUrl', () => {
  it('puts longitude first and marks the coordinates as WGS-84', () => {
    const url = new URL(amapMarkerUrl({ lat: 23.1066, lng: 113.3245 }, '广州塔南广场'));
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('position')).toBe('113.3245,23.1066');
    expect(url.searchParams.get('coordinate')).toBe('wgs84');
    expect(url.searchParams.get('name')).toBe('广州塔南广场');
  });
});

describe('locationDue', () => {
  it('sends the first fix at once and then at most every 15 seconds', () => {
    expect(locationDue(null, 0)).toBe(true);
    expect(locationDue(1000, 15_999)).toBe(false);
    expect(locationDue(1000, 16_000)).toBe(true);
  });
});
