import busboy from 'busboy';
import {
  buildMultipartBody,
  imageContentType,
  makeBoundary,
  quoteHeaderValue,
  utf8Encode,
  type MultipartInput,
} from './multipart';

interface Parsed {
  fields: Array<[string, string]>;
  files: Array<{ field: string; filename: string; mimeType: string; data: Buffer }>;
}

/** Parses a body with busboy, the parser multer (and so the BFF) uses. */
function parse(body: ArrayBuffer, contentType: string): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const parsed: Parsed = { fields: [], files: [] };
    const parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8' });
    parser.on('field', (name, value) => parsed.fields.push([name, value]));
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () =>
        parsed.files.push({
          field,
          filename: info.filename ?? '',
          mimeType: info.mimeType,
          data: Buffer.concat(chunks),
        }),
      );
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(parsed));
    parser.end(Buffer.from(body));
  });
}

/** Bytes that look like a JPEG and include CR, LF, dashes and every byte value. */
function fakeImage(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + seed * 7) % 256;
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x0d, 0x0a, 0x2d, 0x2d, 0x0d, 0x0a].slice(0, size), 0);
  return bytes;
}

describe('utf8Encode', () => {
  it.each(['', 'abc', '井盖缺失，请尽快处理', 'emoji 🛵 and 🌳', 'ä€𝄞'])('matches Node for %p', (text) => {
    expect(Buffer.from(utf8Encode(text))).toEqual(Buffer.from(text, 'utf8'));
  });

  it('replaces a lone surrogate like TextEncoder does', () => {
    expect(Buffer.from(utf8Encode('a\ud800b'))).toEqual(Buffer.from(new TextEncoder().encode('a\ud800b')));
    expect(Buffer.from(utf8Encode('\udc00'))).toEqual(Buffer.from([0xef, 0xbf, 0xbd]));
  });
});

describe('makeBoundary', () => {
  it('is 15 + 24 safe characters and varies', () => {
    const a = makeBoundary();
    expect(a).toMatch(/^----JiefangForm[A-Za-z0-9]{24}$/);
    expect(makeBoundary()).not.toBe(a);
    expect(makeBoundary(() => 0)).toBe(`----JiefangForm${'A'.repeat(24)}`);
    expect(makeBoundary(() => 0.9999)).toBe(`----JiefangForm${'9'.repeat(24)}`);
  });
});

describe('buildMultipartBody', () => {
  const photos = [fakeImage(5000, 1), fakeImage(70_000, 2), fakeImage(3, 3)];
  const input: MultipartInput = {
    boundary: makeBoundary(),
    fields: [
      ['category', 'manhole_cover'],
      ['lat', '23.1066'],
      ['lng', '113.3245'],
      ['accuracy', '12'],
      ['address', '广州市海珠区阅江西路 222 号\r\n(广州塔)'],
      ['description', '井盖缺失 🚧 "很危险"'],
      ['anonymous', 'true'],
    ],
    files: photos.map((data, index) => ({
      field: 'photos',
      filename: `photo-${index + 1}.jpg`,
      contentType: 'image/jpeg',
      data: index === 1 ? data.buffer : data,
    })),
  };

  it('parses back, with busboy, into the same fields and the same file bytes', async () => {
    const { body, contentType } = buildMultipartBody(input);
    expect(contentType).toBe(`multipart/form-data; boundary=${input.boundary}`);
    const parsed = await parse(body, contentType);
    expect(parsed.fields).toEqual(input.fields);
    expect(parsed.files.map((file) => [file.field, file.filename, file.mimeType])).toEqual([
      ['photos', 'photo-1.jpg', 'image/jpeg'],
      ['photos', 'photo-2.jpg', 'image/jpeg'],
      ['photos', 'photo-3.jpg', 'image/jpeg'],
    ]);
    parsed.files.forEach((file, index) => expect(file.data.equals(Buffer.from(photos[index]!))).toBe(true));
  });

  it('has exactly the RFC 7578 layout', () => {
    const { body } = buildMultipartBody({
      boundary: 'XyZ',
      fields: [['a', '1']],
      files: [
        { field: 'photos', filename: 'p.png', contentType: 'image/png', data: Uint8Array.from([1, 2]) },
      ],
    });
    expect(Buffer.from(body).toString('latin1')).toBe(
      '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="photos"; filename="p.png"\r\n' +
        'Content-Type: image/png\r\n\r\n\u0001\u0002\r\n--XyZ--\r\n',
    );
  });

  it('builds a body with no parts', async () => {
    const { body, contentType } = buildMultipartBody({ boundary: 'b1', fields: [], files: [] });
    expect(Buffer.from(body).toString()).toBe('--b1--\r\n');
    await expect(parse(body, contentType)).resolves.toEqual({ fields: [], files: [] });
  });

  it('refuses a bad boundary and content that contains the boundary', () => {
    expect(() => buildMultipartBody({ boundary: 'has space', fields: [], files: [] })).toThrow(/boundary/);
    expect(() => buildMultipartBody({ boundary: 'x'.repeat(71), fields: [], files: [] })).toThrow();
    expect(() => buildMultipartBody({ boundary: 'abc', fields: [['f', 'x--abcx']], files: [] })).toThrow(
      /occurs in the content/,
    );
  });

  it('escapes quotes and line breaks in names', async () => {
    expect(quoteHeaderValue('a"b\r\nc')).toBe('a%22b%0D%0Ac');
    const { body, contentType } = buildMultipartBody({
      boundary: 'q',
      fields: [],
      files: [{ field: 'photos', filename: '街"坊".jpg', contentType: 'image/jpeg', data: fakeImage(10, 4) }],
    });
    const parsed = await parse(body, contentType);
    expect(parsed.files[0]?.filename).toBe('街%22坊%22.jpg');
  });
});

describe('imageContentType', () => {
  it('maps extensions, defaulting to JPEG', () => {
    expect(imageContentType('wxfile://tmp_abc.PNG')).toBe('image/png');
    expect(imageContentType('a.webp')).toBe('image/webp');
    expect(imageContentType('a.jpeg')).toBe('image/jpeg');
    expect(imageContentType('blob')).toBe('image/jpeg');
  });
});
