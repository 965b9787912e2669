import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './importFile';

describe('bytesToBase64', () => {
  it('encodes any bytes, also more than one slice of them', () => {
    expect(bytesToBase64(new Uint8Array([0, 255, 80, 75]).buffer)).toBe('AP9QSw==');
    const large = new Uint8Array(100_000).map((_, index) => index % 256);
    expect(Buffer.from(bytesToBase64(large.buffer), 'base64').equals(Buffer.from(large))).toBe(true);
  });
});
