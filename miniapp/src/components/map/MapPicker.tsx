/**
 * Resolved per platform by Taro: MapPicker.h5.tsx (Leaflet) in the H5 build, MapPicker.weapp.tsx (the
 * native map component) in the mini-program, so the mini-program's bundle never carries Leaflet. This
 * file only gives TypeScript (and any other platform) one name for them.
 */
export { MapPicker } from './MapPicker.h5';
