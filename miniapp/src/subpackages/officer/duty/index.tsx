import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { travelModes, type OfficerStatus, type Ticket } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { DetailLayout } from '../../../components/DetailLayout';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { EmptyBox, ErrorBox, LoadingBox } from '../../../components/LoadStates';
import { PageShell } from '../../../components/PageShell';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import { noticeAssignments } from '../../../features/officer/assignmentBell';
import {
  Countdowns,
  RejectPanel,
  TaskRow,
  TicketHead,
  distanceFrom,
} from '../../../features/officer/components';
import { LocationPanel } from '../../../features/officer/LocationPanel';
import { MyShiftsCard } from '../../../features/officer/MyShiftsCard';
import { hasNoShifts, myShifts, myShiftsQuery } from '../../../features/officer/myShifts';
import { officerApi, rememberTickets, rosterApi } from '../../../features/officer/officerServices';
import { ringer } from '../../../features/officer/ringer';
import { OFFICER_HISTORY_PAGE, SQUAD_BOARD_PAGE, officerTaskUrl } from '../../../features/officer/routes';
import { useLocationSharing, type LocationSharing } from '../../../features/officer/useLocationSharing';
import { useNow } from '../../../features/officer/useNow';
import { t } from '../../../i18n';
import { useLiveRefresh } from '../../../live/useLiveRefresh';
import { messageOf } from '../../../services';
import '../officer.scss';

type TravelMode = (typeof travelModes)[number];

/** 执法工单: duty, position sharing, incoming assignments (which ring) and the tickets in hand. */
export default function OfficerDutyPage() {
  const user = useSession();
  const isLeader = user?.user.roles.includes('squad_leader') ?? false;
  const status = useLoadable(() => officerApi.status(), [], { enabled: !!user });
  const sharing = useLocationSharing(status.state.status === 'ready' ? status.state.value.onDuty : undefined);
  const tickets = useLoadable(
    async () => {
      const items = await officerApi.tickets('held');
      rememberTickets(items);
      return items;
    },
    [],
    { enabled: !!user, refreshFailure: 'note' },
  );
  const officerId = user?.user.id;
  const squadId = user?.user.squadId;
  const shifts = useLoadable(
    async () => {
      const now = Date.now();
      const roster = await rosterApi.squadRoster(squadId ?? '', myShiftsQuery(now));
      return myShifts(roster, officerId ?? '', now);
    },
    [squadId, officerId],
    { enabled: !!squadId && !!officerId, isEmpty: hasNoShifts },
  );
  const now = useNow();

  useLiveRefresh(() => tickets.refresh(), ['ticket']);
  // No live topic for rosters: read again each time the page shows, and on the slow safety refresh.
  useLiveRefresh(() => shifts.refresh(), []);
  usePullDownRefresh(() => {
    void Promise.all([tickets.refresh(), status.refresh(), shifts.refresh()]).finally(
      () => void Taro.stopPullDownRefresh(),
    );
  });

  // Rings once per new assignment, comparing each list with the one before (on any officer page).
  const [ringing, setRinging] = useState<ReadonlySet<string>>(new Set());
  const list =
    tickets.state.status === 'ready' || tickets.state.status === 'empty' ? tickets.state.value : undefined;
  useEffect(() => {
    if (!list) return;
    const arrived = noticeAssignments(list);
    if (arrived.length === 0) return;
    setRinging((current) => new Set([...current, ...arrived.map((ticket) => ticket.id)]));
  }, [list]);
  useEffect(() => () => ringer.stop(), []);

  if (!user) return <PageShell>{null}</PageShell>;

  const changed = (ticket: Ticket) => {
    ringer.stop();
    setRinging((current) => new Set([...current].filter((id) => id !== ticket.id)));
    void tickets.refresh();
  };

  return (
    <DetailLayout
      state={status.state}
      onRetry={() => void status.reload()}
      testId="officer-status"
      loadingText={t('officer.statusLoading')}
      header={
        <View className="jf-page-head">
          <Text className="jf-title">{t('officer.title')}</Text>
          <LargeTextToggle />
        </View>
      }
    >
      {(officer) => (
        <>
          <DutyCard status={officer} sharing={sharing} onChanged={(next) => status.set(next)} />
          <TicketsSection
            state={tickets.state}
            onRetry={() => void tickets.reload()}
            onDuty={officer.onDuty}
            now={now}
            sharing={sharing}
            ringing={ringing}
            onChanged={changed}
          />
          {squadId && <MyShiftsCard state={shifts.state} onRetry={() => void shifts.reload()} />}
          <View className="jf-of-links">
            <Text
              className="jf-link"
              data-testid="officer-go-history"
              onClick={() => void Taro.navigateTo({ url: OFFICER_HISTORY_PAGE })}
            >
              {`${t('officer.links.history')} ›`}
            </Text>
            {isLeader && (
              <Text
                className="jf-link"
                data-testid="officer-go-squad"
                onClick={() => void Taro.navigateTo({ url: SQUAD_BOARD_PAGE })}
              >
                {`${t('officer.links.squad')} ›`}
              </Text>
            )}
          </View>
        </>
      )}
    </DetailLayout>
  );
}

function DutyCard({
  status,
  sharing,
  onChanged,
}: {
  status: OfficerStatus;
  sharing: LocationSharing;
  onChanged: (status: OfficerStatus) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const setDuty = async (onDuty: boolean, travelMode: TravelMode = status.travelMode) => {
    if (busy) return;
    // The tap lets the H5 ring play later without another one (browsers' autoplay rules).
    ringer.prime();
    if (!onDuty && status.onDuty) {
      const answer = await Taro.showModal({
        title: t('officer.duty.confirmEndTitle'),
        content: t('officer.duty.confirmEnd'),
      }).catch(() => ({ confirm: false }));
      if (!answer.confirm) return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await officerApi.setDuty({ onDuty, travelMode }));
      if (onDuty !== status.onDuty)
        void Taro.showToast({
          title: t(onDuty ? 'officer.duty.started' : 'officer.duty.ended'),
          icon: 'success',
        });
    } catch (err) {
      if (!(err instanceof ApiError && err.isAuthFailure)) setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View
      className={`jf-card jf-of-duty${status.onDuty ? ' jf-of-duty--on' : ''}`}
      data-testid="officer-duty"
    >
      <View className="jf-of-duty__head">
        <View className="jf-of-duty__text">
          <Text
            className="jf-of-duty__state"
            data-testid="officer-duty-state"
            data-on={status.onDuty ? '1' : '0'}
          >
            {status.onDuty ? t('officer.duty.on') : t('officer.duty.off')}
          </Text>
          <Text className="jf-muted jf-block">
            {status.onDuty ? t('officer.duty.hintOn') : t('officer.duty.hintOff')}
          </Text>
        </View>
        <Button
          data-testid="officer-duty-toggle"
          size="large"
          type={status.onDuty ? 'default' : 'primary'}
          loading={busy}
          onClick={() => void setDuty(!status.onDuty)}
        >
          {status.onDuty ? t('officer.duty.end') : t('officer.duty.start')}
        </Button>
      </View>
      <Text className="jf-label jf-of-label">{t('officer.travelMode')}</Text>
      <View className="jf-choices">
        {travelModes.map((mode) => (
          <View
            key={mode}
            className={`jf-choice${mode === status.travelMode ? ' jf-choice--selected' : ''}`}
            data-testid={`officer-travel-${mode}`}
            ariaRole="radio"
            onClick={() => void (mode !== status.travelMode && setDuty(status.onDuty, mode))}
          >
            {t(`officer.travelMode.${mode}`)}
          </View>
        ))}
      </View>
      {error && <Text className="jf-error">{error}</Text>}
      <LocationPanel sharing={sharing} />
    </View>
  );
}

function TicketsSection({
  state,
  onRetry,
  onDuty,
  now,
  sharing,
  ringing,
  onChanged,
}: {
  state: ReturnType<typeof useLoadable<Ticket[]>>['state'];
  onRetry: () => void;
  onDuty: boolean;
  now: number;
  sharing: LocationSharing;
  ringing: ReadonlySet<string>;
  onChanged: (ticket: Ticket) => void;
}) {
  if (state.status === 'loading')
    return <LoadingBox testId="officer-tickets-loading" text={t('officer.loading')} />;
  if (state.status === 'error')
    return <ErrorBox testId="officer-tickets-error" message={state.message} onRetry={onRetry} />;
  const incoming = state.value.filter((ticket) => ticket.status === 'assigned');
  const working = state.value.filter((ticket) => ticket.status !== 'assigned');
  return (
    <>
      {state.refreshError && (
        <Text className="jf-error jf-block">
          {t('officer.tasks.loadFailed', { message: state.refreshError })}
        </Text>
      )}
      {incoming.map((ticket) => (
        <IncomingCard
          key={`${ticket.id}-${ticket.deadlines.acceptBy ?? ''}`}
          ticket={ticket}
          now={now}
          meters={distanceFrom(sharing.lastFix, ticket)}
          ringing={ringing.has(ticket.id)}
          onChanged={onChanged}
        />
      ))}
      {(working.length > 0 || incoming.length === 0) && (
        <Text className="jf-section-title">{t('officer.tasks.title')}</Text>
      )}
      {working.length === 0 && incoming.length === 0 && (
        <EmptyBox
          testId="officer-tickets-empty"
          icon="🛡️"
          text={onDuty ? t('officer.tasks.empty') : t('officer.tasks.emptyOff')}
        />
      )}
      {working.map((ticket) => (
        <TaskRow
          key={ticket.id}
          ticket={ticket}
          now={now}
          fix={sharing.lastFix}
          onOpen={() => void Taro.navigateTo({ url: officerTaskUrl(ticket.id) })}
        />
      ))}
    </>
  );
}

/** A new assignment: both clocks, 接单 or 拒单 with a reason. */
function IncomingCard({
  ticket,
  now,
  meters,
  ringing,
  onChanged,
}: {
  ticket: Ticket;
  now: number;
  meters: number | undefined;
  ringing: boolean;
  onChanged: (ticket: Ticket) => void;
}) {
  const [busy, setBusy] = useState<'accept' | 'reject' | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [rejecting, setRejecting] = useState(false);

  const act = async (kind: 'accept' | 'reject', action: () => Promise<Ticket>, done: string) => {
    if (busy) return;
    ringer.stop();
    setBusy(kind);
    setError(undefined);
    try {
      onChanged(await action());
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (err) {
      if (!(err instanceof ApiError && err.isAuthFailure)) setError(messageOf(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <View
      className={`jf-card jf-of-incoming${ringing ? ' jf-of-incoming--ringing' : ''}`}
      data-testid="officer-incoming"
      data-ticket-id={ticket.id}
      data-ringing={ringing ? '1' : '0'}
    >
      <View className="jf-of-incoming__banner">
        <Text>{`🔔 ${t('officer.incoming.title')}`}</Text>
        <Text className="jf-of-incoming__hint">{t('officer.incoming.badge')}</Text>
      </View>
      <TicketHead ticket={ticket} meters={meters} />
      {ticket.description && <Text className="jf-block jf-of-desc">{ticket.description}</Text>}
      <Countdowns ticket={ticket} now={now} testId="officer-incoming-clock" />
      {rejecting ? (
        <RejectPanel
          busy={busy === 'reject'}
          error={error}
          onCancel={() => setRejecting(false)}
          onConfirm={(reason) =>
            void act('reject', () => officerApi.reject(ticket.id, reason), t('officer.reject.done'))
          }
        />
      ) : (
        <>
          {error && <Text className="jf-error jf-block">{error}</Text>}
          <View className="jf-of-actions">
            <Button
              data-testid="officer-reject"
              size="xlarge"
              fill="outline"
              disabled={!!busy}
              onClick={() => {
                ringer.stop();
                setRejecting(true);
              }}
            >
              {t('officer.reject')}
            </Button>
            <Button
              data-testid="officer-accept"
              size="xlarge"
              type="primary"
              loading={busy === 'accept'}
              onClick={() => void act('accept', () => officerApi.accept(ticket.id), t('officer.accept.done'))}
            >
              {t('officer.accept')}
            </Button>
          </View>
          <Text
            className="jf-link jf-center jf-of-center"
            data-testid="officer-incoming-detail"
            onClick={() => void Taro.navigateTo({ url: officerTaskUrl(ticket.id) })}
          >
            {t('officer.detail')}
          </Text>
        </>
      )}
    </View>
  );
}
