import type { DistrictMap, LatLng, TileSource } from '@jiefang/contracts';

/** The map picker of the report form, the same on both platforms (each has its own file). */
export interface MapPickerProps {
  /** The pin (WGS-84): where the map is centred; the map follows when it changes from outside. */
  value: LatLng | null;
  /** Where the map starts when there is no pin yet (WGS-84), e.g. the district's centre. */
  fallbackCentre: LatLng;
  /** The GPS fix, drawn with its accuracy circle. */
  gps: (LatLng & { accuracy?: number | undefined }) | null;
  /** The district's street and grid outlines (WGS-84), drawn always: the offline map. */
  district: DistrictMap | null;
  /** Configured tiles (H5 only; the mini-program's map has its own), or null for outlines only. */
  tiles: TileSource | null;
  /** The resident moved the map: the new pin (WGS-84), once the movement ended. */
  onPick(point: LatLng): void;
  disabled?: boolean;
}
