import { type DistrictMap, type LatLng, type TileSource } from '@jiefang/contracts';
import { Alert, Skeleton, Typography, theme } from 'antd';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { t } from '../../i18n';
import { useDistrict } from '../../tickets/queries';
import { ringCenter } from '../../tickets/geo';
import { escapeHtml } from './html';
import { MapContext } from './mapContext';
import { drawingSystem, mapProjection, type MapProjection } from './projection';
import { offlineBackground, streetFill, streetStroke } from './streetStyle';
import { useMapConfig } from './useMapData';
import './map.css';

/** Tiles count as unreachable after this many failures with none loaded, or this long with none. */
const FAILED_TILES = 3;
const TILE_PATIENCE_MS = 10_000;

export interface BaseMapProps {
  /** Pixels; the width follows the container. */
  height?: number;
  /** A street drawn stronger (the ticket's or the alarm's). */
  highlightStreetId?: string | null;
  /** Points the first view must show besides the district (a ticket just outside it). */
  include?: readonly LatLng[];
  testId?: string;
  ariaLabel?: string;
  /** Layers (markers, heat): drawn once the map exists. */
  children?: ReactNode;
}

/**
 * The district on a Leaflet map: the configured tiles (GET /api/map/config) with their attribution,
 * and always the streets and grids from GET /api/district on top. Without tiles, or when they cannot
 * be loaded (no internet), the same outlines are the map: filled streets, dashed grids, street names.
 */
export function BaseMap(props: BaseMapProps) {
  const district = useDistrict();
  const config = useMapConfig();
  const height = props.height ?? 320;
  if (district.isPending || config.isPending) {
    return <Skeleton.Node active style={{ width: '100%', height }} />;
  }
  if (district.isError) return <Alert type="warning" showIcon message={t('map.loadFailed')} />;
  // A BFF that cannot say which tiles to use gets the outlines, which need nothing from outside.
  const tiles = config.isError ? null : config.data.tiles;
  return <LeafletMap {...props} height={height} district={district.data} tiles={tiles} />;
}

function LeafletMap({
  district,
  tiles,
  height,
  highlightStreetId,
  include,
  testId = 'district-map',
  ariaLabel,
  children,
}: BaseMapProps & { district: DistrictMap; tiles: TileSource | null; height: number }) {
  const { token } = theme.useToken();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const projection = useMemo(() => mapProjection(drawingSystem(tiles, tilesFailed)), [tiles, tilesFailed]);
  const onTiles = Boolean(tiles && !tilesFailed);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const created = L.map(element, { zoomSnap: 0.25, attributionControl: true, minZoom: 3, maxZoom: 19 });
    created.attributionControl.setPrefix(false);
    setMap(created);
    // Drawers open with an animation: the map learns its real size when the container gets it.
    const observer =
      typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => created.invalidateSize());
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      created.remove();
      setMap(null);
    };
  }, []);

  useEffect(() => {
    if (!map || !tiles || tilesFailed) return;
    const layer = L.tileLayer(tiles.urlTemplate, {
      subdomains: tiles.subdomains,
      attribution: escapeHtml(tiles.attribution),
      minZoom: tiles.minZoom,
      maxZoom: tiles.maxZoom,
    });
    let loaded = 0;
    let failed = 0;
    layer.on('tileload', () => {
      loaded += 1;
    });
    layer.on('tileerror', () => {
      failed += 1;
      if (loaded === 0 && failed >= FAILED_TILES) setTilesFailed(true);
    });
    const patience = window.setTimeout(() => {
      if (loaded === 0) setTilesFailed(true);
    }, TILE_PATIENCE_MS);
    layer.addTo(map);
    map.setMinZoom(tiles.minZoom);
    map.setMaxZoom(tiles.maxZoom);
    return () => {
      window.clearTimeout(patience);
      layer.remove();
    };
  }, [map, tiles, tilesFailed]);

  useEffect(() => {
    if (!map || onTiles) return;
    const attribution = escapeHtml(t('map.outlineAttribution'));
    map.attributionControl.addAttribution(attribution);
    return () => {
      map.attributionControl.removeAttribution(attribution);
    };
  }, [map, onTiles]);

  useEffect(() => {
    if (!map) return;
    const outlines = districtLayer(district, projection, { highlightStreetId, onTiles, token });
    outlines.addTo(map);
    return () => {
      outlines.remove();
    };
  }, [map, district, projection, highlightStreetId, onTiles, token]);

  // The first view (and again when the drawing's system changes): the district, and what must be seen.
  const includeKey = (include ?? []).map((point) => `${point.lat},${point.lng}`).join(';');
  useEffect(() => {
    if (!map) return;
    const bounds = districtBounds(district, projection);
    for (const point of include ?? []) {
      const drawn = projection.toMap(point);
      bounds.extend([drawn.lat, drawn.lng]);
    }
    if (!bounds.isValid()) {
      map.setView([23.1, 113.3], 13);
      return;
    }
    const fit = () => map.fitBounds(bounds, { padding: [16, 16], animate: false });
    if (map.getSize().x > 0) fit();
    else {
      // Not laid out yet (a drawer still opening, or jsdom): centre now, fit once there is a size.
      map.setView(bounds.getCenter(), 13, { animate: false });
      const onResize = () => {
        if (map.getSize().x > 0) {
          fit();
          map.off('resize', onResize);
        }
      };
      map.on('resize', onResize);
      return () => {
        map.off('resize', onResize);
      };
    }
    // includeKey stands for `include`, whose identity changes every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, district, projection, includeKey]);

  return (
    <div>
      <div
        ref={container}
        data-testid={testId}
        data-tiles={onTiles ? 'online' : 'outlines'}
        data-coordinate-system={projection.system}
        role="region"
        aria-label={ariaLabel ?? t('map.title')}
        className="jf-map"
        style={{
          height,
          width: '100%',
          background: onTiles ? '#f5f5f5' : offlineBackground,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
        }}
      />
      {tilesFailed && (
        <Typography.Text
          type="secondary"
          data-testid="map-tiles-failed"
          style={{ fontSize: token.fontSizeSM }}
        >
          {t('map.tilesFailed')}
        </Typography.Text>
      )}
      {map && <MapContext.Provider value={{ map, projection }}>{children}</MapContext.Provider>}
    </div>
  );
}

function districtBounds(district: DistrictMap, projection: MapProjection): L.LatLngBounds {
  const bounds = L.latLngBounds([]);
  for (const feature of district.features) {
    for (const ring of feature.geometry.coordinates) bounds.extend(projection.ring(ring));
  }
  return bounds;
}

/**
 * Streets filled in their colours (faint over tiles, which carry their own colours), grids as dashed
 * lines named on hover, and each street's name at its centre.
 */
function districtLayer(
  district: DistrictMap,
  projection: MapProjection,
  options: {
    highlightStreetId?: string | null;
    onTiles: boolean;
    token: ReturnType<typeof theme.useToken>['token'];
  },
): L.LayerGroup {
  const group = L.layerGroup();
  const streets = new Map(district.features.map((feature) => [feature.properties.id, feature.properties]));
  district.features.forEach((feature, index) => {
    const highlighted = feature.properties.id === options.highlightStreetId;
    const polygon = L.polygon(feature.geometry.coordinates.map(projection.ring), {
      color: highlighted ? options.token.colorPrimary : streetStroke(index),
      weight: highlighted ? 3 : 1.5,
      fillColor: streetFill(index),
      fillOpacity: options.onTiles ? (highlighted ? 0.25 : 0.12) : highlighted ? 0.95 : 0.75,
    });
    polygon.bindTooltip(
      escapeHtml(
        t('map.streetTitle', { street: feature.properties.name, squad: feature.properties.squadName }),
      ),
      { sticky: true },
    );
    polygon.on('add', () =>
      polygon.getElement()?.setAttribute('data-testid', `map-street-${feature.properties.id}`),
    );
    group.addLayer(polygon);
  });
  for (const grid of district.grids) {
    const street = streets.get(grid.properties.streetId);
    const polygon = L.polygon(grid.geometry.coordinates.map(projection.ring), {
      color: options.onTiles ? '#595959' : '#8c8c8c',
      weight: 1,
      dashArray: '4 3',
      fill: true,
      fillOpacity: 0,
    });
    polygon.bindTooltip(
      escapeHtml(
        t('map.gridTitle', {
          grid: grid.properties.name,
          street: street?.name ?? grid.properties.streetId,
          squad: street?.squadName ?? '',
        }),
      ),
      { sticky: true },
    );
    polygon.on('add', () =>
      polygon.getElement()?.setAttribute('data-testid', `map-grid-${grid.properties.id}`),
    );
    group.addLayer(polygon);
  }
  for (const feature of district.features) {
    const ring = feature.geometry.coordinates[0];
    if (!ring) continue;
    const [lng, lat] = ringCenter(ring);
    const at = projection.toMap({ lat, lng });
    group.addLayer(
      L.marker([at.lat, at.lng], {
        icon: L.divIcon({
          className: 'jf-map-street-label',
          html: `<span>${escapeHtml(feature.properties.name)}</span>`,
          iconSize: [0, 0],
        }),
        interactive: false,
        keyboard: false,
        // Under every marker: a ticket on the street's centre stays clickable.
        zIndexOffset: -1000,
      }),
    );
  }
  return group;
}
