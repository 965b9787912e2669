import { metersBetween } from '@jiefang/contracts';
import { gcj02ToWgs84 } from '@jiefang/contracts';
import { navigationTarget } from './navigation';

describe('navigationTarget', () => {
  it('hands map apps the GCJ-02 point of the ticket’s WGS-84 one', () => {
    const wgs = { lat: 23.1066, lng: 113.3245 };
    const target = navigationTarget(wgs, '占道经营', '赤岗路 1 号');
    const gcj = { lat: target.openLocation.latitude, lng: target.openLocation.longitude };
    // GCJ-02 is visibly off in Guangzhou (hundreds of metres), and maps back onto the ticket's point.
    expect(metersBetween(wgs, gcj)).toBeGreaterThan(200);
    expect(metersBetween(gcj02ToWgs84(gcj), wgs)).toBeLessThan(0.01);
    expect(target.openLocation).toMatchObject({ name: '占道经营', address: '赤岗路 1 号' });
    expect(target.amapUrl).toContain(`to=${gcj.lng.toFixed(6)},${gcj.lat.toFixed(6)},`);
    expect(target.amapUrl).toContain('coordinate=gaode');
  });
});
