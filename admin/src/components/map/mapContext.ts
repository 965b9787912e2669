import type L from 'leaflet';
import { createContext, useContext } from 'react';
import type { MapProjection } from './projection';

export interface MapContextValue {
  map: L.Map;
  /** How stored WGS-84 points are placed on this map (GCJ-02 on 高德 / 腾讯 tiles). */
  projection: MapProjection;
}

export const MapContext = createContext<MapContextValue | null>(null);

/** The map a layer draws on: layers are children of BaseMap, rendered once its map exists. */
export function useMapContext(): MapContextValue {
  const value = useContext(MapContext);
  if (!value) throw new Error('a map layer must be inside <BaseMap>');
  return value;
}
