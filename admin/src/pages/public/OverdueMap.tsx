import { type PublicBoard } from '@jiefang/contracts';
import { BaseMap } from '../../components/map/BaseMap';
import { MapMarkers, type MapMarker } from '../../components/map/MapMarkers';
import { t } from '../../i18n';
import { formatTime } from '../../i18n/format';

/** Where reports wait past their on-site deadline: places rounded to about 100 m, category only. */
export function OverdueMap({ board }: { board: PublicBoard }) {
  const markers: MapMarker[] = board.overdue.map((place, index) => ({
    id: `${place.lat},${place.lng},${index}`,
    position: { lat: place.lat, lng: place.lng },
    color: '#cf1322',
    halo: true,
    label: t('publicBoard.mapMarker', { category: place.categoryName, at: formatTime(place.reportedAt) }),
    testId: 'overdue-marker',
    // The place as published (already rounded by the BFF), so a test can tell where the dot stands.
    data: { lat: String(place.lat), lng: String(place.lng) },
  }));
  return (
    <div data-testid="overdue-map">
      <BaseMap height={300} ariaLabel={t('publicBoard.mapAria')}>
        <MapMarkers markers={markers} />
      </BaseMap>
    </div>
  );
}
