import L from 'leaflet';
import { useEffect } from 'react';
import { t } from '../../i18n';
import { heatSpot } from './heatScale';
import { escapeHtml } from './html';
import { useMapContext } from './mapContext';

export interface HeatPoint {
  lat: number;
  lng: number;
  tickets: number;
}

/**
 * Tickets as translucent circles sized by count (in metres, so they scale with the zoom and overlapping
 * ones add up like heat), busiest on top. Circles rather than a canvas heat plugin: they draw the same
 * with or without tiles, follow the map's projection like every other layer, and each names its count.
 */
export function HeatLayer({ points }: { points: readonly HeatPoint[] }) {
  const { map, projection } = useMapContext();
  useEffect(() => {
    const most = Math.max(0, ...points.map((point) => point.tickets));
    const group = L.featureGroup();
    [...points]
      .filter((point) => point.tickets > 0)
      .sort((a, b) => a.tickets - b.tickets)
      .forEach((point, index) => {
        const spot = heatSpot(point.tickets, most);
        const at = projection.toMap(point);
        const circle = L.circle([at.lat, at.lng], {
          radius: spot.radiusM,
          stroke: false,
          fillColor: spot.color,
          fillOpacity: spot.opacity,
        });
        circle.bindTooltip(escapeHtml(t('map.heatTitle', { count: point.tickets })), { sticky: true });
        circle.on('add', () => {
          const element = circle.getElement();
          element?.setAttribute('data-testid', `heat-spot-${index}`);
          element?.setAttribute('data-tickets', String(point.tickets));
        });
        group.addLayer(circle);
      });
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, projection, points]);
  return null;
}
