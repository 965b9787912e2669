import { imageContentType } from './photoType';

describe('imageContentType', () => {
  it('maps extensions, defaulting to JPEG', () => {
    expect(imageContentType('wxfile://tmp_abc.PNG')).toBe('image/png');
    expect(imageContentType('a.webp')).toBe('image/webp');
    expect(imageContentType('a.jpeg')).toBe('image/jpeg');
    expect(imageContentType('blob')).toBe('image/jpeg');
  });
});
