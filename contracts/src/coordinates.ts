/**
 * Coordinates shared by the BFF and both apps. The BFF routes reports by WGS-84 points; mainland map pickers (WeChat's
 * `chooseLocation`, 腾讯/高德 maps) return GCJ-02, an obfuscated datum offset by some hundred metres.
 * `gcj02ToWgs84` inverts the published GCJ-02 forward transform by fixed-point iteration (error well under
 * a centimetre, against about 1–2 m for the usual one-step approximation).
 */

import { metersBetween, type LatLng } from './geo';

const semiMajorAxis = 6378245.0; // Krasovsky 1940, as GCJ-02 uses
const eccentricitySquared = 0.006693421622965943;

/** GCJ-02 applies only inside a rough mainland-China box; elsewhere it is WGS-84 unchanged. */
export function outOfChina({ lat, lng }: LatLng): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

/** The GCJ-02 offset at a WGS-84 point, in degrees. */
function offset({ lat, lng }: LatLng): LatLng {
  let dLat = transformLat(lng - 105.0, lat - 35.0);
  let dLng = transformLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - eccentricitySquared * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((semiMajorAxis * (1 - eccentricitySquared)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((semiMajorAxis / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: dLat, lng: dLng };
}

/** WGS-84 → GCJ-02 (the forward transform). */
export function wgs84ToGcj02(point: LatLng): LatLng {
  if (outOfChina(point)) return { ...point };
  const d = offset(point);
  return { lat: point.lat + d.lat, lng: point.lng + d.lng };
}

/** GCJ-02 → WGS-84: finds the WGS-84 point whose forward transform is the given GCJ-02 point. */
export function gcj02ToWgs84(point: LatLng): LatLng {
  if (outOfChina(point)) return { ...point };
  let guess: LatLng = { lat: point.lat, lng: point.lng };
  for (let i = 0; i < 30; i += 1) {
    const forward = wgs84ToGcj02(guess);
    const errLat = forward.lat - point.lat;
    const errLng = forward.lng - point.lng;
    guess = { lat: guess.lat - errLat, lng: guess.lng - errLng };
    if (Math.abs(errLat) < 1e-10 && Math.abs(errLng) < 1e-10) break;
  }
  return guess;
}

/** Rounds to 6 decimals (about 0.1 m), enough for a report and short on the wire. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * The centre of a polygon's outer ring ([lng, lat] positions, GeoJSON order) and the distance from it to
 * the farthest vertex: used as the point and accuracy of a report whose place was only chosen by street.
 */
export function ringCentre(ring: ReadonlyArray<readonly [number, number]>): LatLng & { radius: number } {
  const points = ring.length > 1 && sameVertex(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring;
  if (points.length === 0) throw new Error('empty ring');
  // Relative to the first vertex, so that large longitudes do not cancel out the precision.
  const [ox, oy] = points[0]!;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < points.length; i += 1) {
    const [ax, ay] = points[i]!;
    const [bx, by] = points[(i + 1) % points.length]!;
    const [x0, y0, x1, y1] = [ax - ox, ay - oy, bx - ox, by - oy];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  let centre: LatLng;
  if (Math.abs(area) < 1e-12) {
    const sum = points.reduce((acc, [x, y]) => ({ lng: acc.lng + x, lat: acc.lat + y }), { lng: 0, lat: 0 });
    centre = { lat: sum.lat / points.length, lng: sum.lng / points.length };
  } else {
    centre = { lat: oy + cy / (3 * area), lng: ox + cx / (3 * area) };
  }
  const radius = Math.max(...points.map(([lng, lat]) => metersBetween(centre, { lat, lng })));
  return { ...centre, radius };
}

function sameVertex(a: readonly [number, number] | undefined, b: readonly [number, number] | undefined) {
  return !!a && !!b && a[0] === b[0] && a[1] === b[1];
}
