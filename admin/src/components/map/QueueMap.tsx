import { type OfficerSummary, type Ticket } from '@jiefang/contracts';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { t } from '../../i18n';
import { useNow } from '../../tickets/useNow';
import { BaseMap } from './BaseMap';
import { Legend, LegendDot } from './MapLegend';
import { MapMarkers, type MapMarker } from './MapMarkers';
import { officerColor } from './PlaceMap';
import { onQueueMap, slaMapLabels, slaMapState, slaMapStates, slaMarkerColors } from './slaMarkers';

const layerOf = { breached: 4, warning: 3, on_time: 2, stopped: 1 } as const;

/**
 * The queue on the district map: each open ticket a marker coloured by its SLA state (recoloured as the
 * clock runs and moved or removed as live events update the queue), officers on duty as small blue
 * dots; clicking a ticket opens it.
 */
export function QueueMap({
  tickets,
  officers = [],
  onOpen,
  height = 520,
}: {
  tickets: readonly Ticket[];
  officers?: readonly OfficerSummary[];
  onOpen: (ticketId: string) => void;
  height?: number;
}) {
  const now = useNow();
  const shown = useMemo(
    () => tickets.filter(onQueueMap).map((ticket) => ({ ticket, sla: slaMapState(ticket, now) })),
    [tickets, now],
  );
  const markers = useMemo<MapMarker[]>(
    () => [
      ...officers
        .filter((officer) => officer.onDuty && officer.location)
        .map((officer) => ({
          id: `officer-${officer.id}`,
          position: officer.location!,
          color: officerColor,
          size: 10,
          label: `${t('map.officer')} · ${officer.name}`,
          testId: `queue-map-officer-${officer.id}`,
          layer: 0,
        })),
      ...shown.map(({ ticket, sla }) => ({
        id: ticket.id,
        position: ticket.location,
        color: slaMarkerColors[sla],
        size: 16,
        halo: sla === 'breached',
        label: t('map.queueMarker', {
          category: ticket.categoryName,
          street: ticket.streetName ?? t('queue.noStreet'),
          sla: t(slaMapLabels[sla]),
        }),
        testId: `queue-map-ticket-${ticket.id}`,
        data: { sla },
        layer: layerOf[sla],
        onClick: () => onOpen(ticket.id),
      })),
    ],
    [shown, officers, onOpen],
  );
  const counts = new Map(slaMapStates.map((state) => [state, 0]));
  for (const { sla } of shown) counts.set(sla, (counts.get(sla) ?? 0) + 1);
  const officersShown = markers.length - shown.length;

  return (
    <div data-testid="queue-map">
      <BaseMap height={height} testId="queue-map-canvas" ariaLabel={t('map.queueAria')}>
        <MapMarkers markers={markers} />
      </BaseMap>
      <Legend>
        {slaMapStates.map((state) => (
          <span key={state} data-testid={`queue-map-count-${state}`}>
            <LegendDot
              color={slaMarkerColors[state]}
              label={`${t(slaMapLabels[state])} ${t('map.queueCount', { count: counts.get(state) ?? 0 })}`}
            />
          </span>
        ))}
        {officersShown > 0 && <LegendDot color={officerColor} label={t('map.officer')} />}
        <Typography.Text type="secondary">
          {shown.length === 0 ? t('map.queueEmpty') : t('map.queueHint')}
        </Typography.Text>
      </Legend>
    </div>
  );
}
