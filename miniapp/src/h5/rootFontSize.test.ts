import { rootFontSize } from './rootFontSize';

describe('rootFontSize', () => {
  it('makes 1rem 40 design px of a 750-wide design, within 20–40 px', () => {
    expect(rootFontSize(375)).toBe(20);
    expect(rootFontSize(390)).toBeCloseTo(20.8);
    expect(rootFontSize(300)).toBe(20);
    expect(rootFontSize(1200)).toBe(40);
  });
});
