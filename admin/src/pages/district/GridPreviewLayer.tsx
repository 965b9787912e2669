import { type GridMapFeature, type GridProblem } from '@jiefang/contracts';
import L from 'leaflet';
import { useEffect } from 'react';
import { escapeHtml } from '../../components/map/html';
import { useMapContext } from '../../components/map/mapContext';

const newGridColour = '#1677ff';
const problemColour = '#f5222d';

type Ring = Array<[number, number]>;

/**
 * Over the BaseMap: the uploaded grids (solid blue, named on hover), each problem's ground in red (an
 * overlap, a gap, the part outside the street) and a red dot where it is; the selected problem larger.
 * The view fits the street (`focus`, its outline) and moves to a problem when one is selected.
 */
export function GridPreviewLayer({
  grids,
  problems,
  focus,
  districtReadAt,
  selected,
}: {
  grids: readonly GridMapFeature[];
  problems: readonly GridProblem[];
  focus: readonly Ring[] | null;
  /** When the district was last read: the BaseMap fits the whole district again then, and so do we the street. */
  districtReadAt: number;
  selected: number | null;
}) {
  const { map, projection } = useMapContext();

  useEffect(() => {
    const group = L.layerGroup();
    for (const grid of grids) {
      const polygon = L.polygon(grid.geometry.coordinates.map(projection.ring), {
        color: newGridColour,
        weight: 2,
        fillColor: newGridColour,
        fillOpacity: 0.08,
      });
      polygon.bindTooltip(escapeHtml(`${grid.properties.name}（${grid.properties.id}）`), { sticky: true });
      polygon.on('add', () =>
        polygon.getElement()?.setAttribute('data-testid', `map-new-grid-${grid.properties.id}`),
      );
      group.addLayer(polygon);
    }
    problems.forEach((problem, index) => {
      const strong = index === selected;
      if (problem.area) {
        const rings = problem.area.type === 'Polygon' ? [problem.area.coordinates] : problem.area.coordinates;
        const polygon = L.polygon(
          rings.map((polygonRings) => polygonRings.map(projection.ring)),
          { color: problemColour, weight: strong ? 3 : 1, fillColor: problemColour, fillOpacity: 0.45 },
        );
        polygon.bindTooltip(escapeHtml(problem.message), { sticky: true });
        polygon.on('add', () =>
          polygon.getElement()?.setAttribute('data-testid', `map-problem-area-${index}`),
        );
        group.addLayer(polygon);
      }
      if (problem.location) {
        const [lng, lat] = problem.location;
        const at = projection.toMap({ lat, lng });
        const dot = L.circleMarker([at.lat, at.lng], {
          radius: strong ? 9 : 6,
          color: '#fff',
          weight: 2,
          fillColor: problemColour,
          fillOpacity: 1,
        });
        dot.bindTooltip(escapeHtml(problem.message));
        dot.on('add', () => dot.getElement()?.setAttribute('data-testid', `map-problem-${index}`));
        group.addLayer(dot);
      }
    });
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, projection, grids, problems, selected]);

  useEffect(() => {
    if (!focus?.length) return;
    const bounds = L.latLngBounds(focus.flatMap((ring) => projection.ring(ring)));
    if (!bounds.isValid()) return;
    // After the BaseMap's own fit to the whole district, which runs after this (a parent's effects run
    // after its children's) whenever the district is read again, e.g. after a publication.
    const timer = window.setTimeout(() => {
      if (map.getSize().x > 0) map.fitBounds(bounds, { padding: [24, 24], animate: false });
    }, 0);
    return () => window.clearTimeout(timer);
    // districtReadAt: the street's outline keeps its identity across reads (structural sharing).
  }, [map, projection, focus, districtReadAt]);

  useEffect(() => {
    const location = selected === null ? null : problems[selected]?.location;
    if (!location) return;
    const [lng, lat] = location;
    const at = projection.toMap({ lat, lng });
    map.setView([at.lat, at.lng], Math.max(map.getZoom(), 15), { animate: false });
  }, [map, projection, problems, selected]);

  return null;
}
