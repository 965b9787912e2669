import { type LatLng } from '@jiefang/contracts';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { escapeHtml } from './html';
import { useMapContext } from './mapContext';

export interface MapMarker {
  /** Stable across updates: a marker that moves or changes colour is updated, not redrawn. */
  id: string;
  /** WGS-84, as stored. */
  position: LatLng;
  color: string;
  /** Diameter in pixels (default 14). */
  size?: number;
  /** Shown on hover and read out as the marker's name. */
  label: string;
  testId?: string;
  /** data-* attributes on the dot, e.g. `{ tone: 'online' }` → data-tone, for tests and styling. */
  data?: Record<string, string | undefined>;
  /** White with a dashed outline in `color` (a disabled device, a point off the district). */
  hollow?: boolean;
  /** A soft ring around it: something needs attention. */
  halo?: boolean;
  /** Drawn larger with a dark ring. */
  selected?: boolean;
  /** Higher draws on top. */
  layer?: number;
  onClick?: () => void;
}

/**
 * Point markers on the BaseMap, kept in step with `markers` by id: live updates move and recolour the
 * markers in place (an open tooltip stays open), markers that are gone are removed. Markers with
 * `onClick` take the keyboard too (Tab, Enter).
 */
export function MapMarkers({ markers }: { markers: readonly MapMarker[] }) {
  const { map, projection } = useMapContext();
  const drawn = useRef(
    new Map<string, { layer: L.Marker; html: string; label: string; at: string; zIndex: number }>(),
  );
  const clicks = useRef(new Map<string, (() => void) | undefined>());

  useEffect(() => {
    const current = drawn.current;
    const seen = new Set<string>();
    for (const marker of markers) {
      seen.add(marker.id);
      clicks.current.set(marker.id, marker.onClick);
      const at = projection.toMap(marker.position);
      const html = dotHtml(marker);
      const size = (marker.size ?? 14) * (marker.selected ? 1.4 : 1);
      const atKey = `${at.lat},${at.lng}`;
      const zIndex = (marker.layer ?? 0) * 100;
      const existing = current.get(marker.id);
      if (existing) {
        // The queue recomputes its markers every second (the SLA clock): touch only what changed.
        if (existing.at !== atKey) existing.layer.setLatLng([at.lat, at.lng]);
        if (existing.html !== html) existing.layer.setIcon(icon(html, size, Boolean(marker.onClick)));
        if (existing.label !== marker.label) existing.layer.setTooltipContent(escapeHtml(marker.label));
        if (existing.zIndex !== zIndex) existing.layer.setZIndexOffset(zIndex);
        current.set(marker.id, { layer: existing.layer, html, label: marker.label, at: atKey, zIndex });
        continue;
      }
      const layer = L.marker([at.lat, at.lng], {
        icon: icon(html, size, Boolean(marker.onClick)),
        keyboard: Boolean(marker.onClick),
        title: marker.label,
        alt: marker.label,
        riseOnHover: true,
        zIndexOffset: zIndex,
      });
      layer.bindTooltip(escapeHtml(marker.label), { direction: 'top', offset: [0, -size / 2] });
      layer.on('click', () => clicks.current.get(marker.id)?.());
      layer.addTo(map);
      current.set(marker.id, { layer, html, label: marker.label, at: atKey, zIndex });
    }
    for (const [id, { layer }] of current) {
      if (seen.has(id)) continue;
      layer.remove();
      current.delete(id);
      clicks.current.delete(id);
    }
  }, [markers, map, projection]);

  useEffect(() => {
    const current = drawn.current;
    return () => {
      for (const { layer } of current.values()) layer.remove();
      current.clear();
    };
  }, [map]);

  return null;
}

function icon(html: string, size: number, clickable: boolean): L.DivIcon {
  return L.divIcon({
    className: `jf-map-marker${clickable ? ' jf-map-marker-clickable' : ''}`,
    html,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}

function dotHtml(marker: MapMarker): string {
  const data = Object.entries(marker.data ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` data-${key}="${escapeHtml(value)}"`)
    .join('');
  const testId = marker.testId ? ` data-testid="${escapeHtml(marker.testId)}"` : '';
  const style = [
    `background:${marker.hollow ? '#fff' : marker.color}`,
    marker.hollow ? `border:2px dashed ${marker.color}` : '',
    marker.selected ? 'border-color:rgba(0,0,0,0.85);border-width:3px' : '',
    marker.halo ? `box-shadow:0 0 0 6px ${marker.color}40,0 1px 3px rgba(0,0,0,0.35)` : '',
    marker.onClick ? 'cursor:pointer' : '',
  ]
    .filter(Boolean)
    .join(';');
  return `<span${testId}${data} style="${escapeHtml(style)}"></span>`;
}
