import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { beijingClock, type OfficerSummary, type Ticket } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { DetailLayout } from '../../../components/DetailLayout';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { PageShell } from '../../../components/PageShell';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import {
  reassignCandidates,
  squadBoard,
  type BoardOfficer,
  type BoardTicket,
} from '../../../features/officer/board';
import { CountdownPill, StatusBadge } from '../../../features/officer/components';
import { officerApi } from '../../../features/officer/officerServices';
import { useNow } from '../../../features/officer/useNow';
import { categoryIcon } from '../../../features/report/labels';
import { t } from '../../../i18n';
import { useLiveRefresh } from '../../../live/useLiveRefresh';
import { messageOf } from '../../../services';
import '../officer.scss';

interface BoardData {
  officers: OfficerSummary[];
  tickets: Ticket[];
}

/** 中队看板: who is on duty and how loaded, the tickets racing their on-site clock, and 改派 within the squad. */
export default function SquadBoardPage() {
  const user = useSession();
  const board = useLoadable<BoardData>(
    async () => {
      const [officers, tickets] = await Promise.all([officerApi.squadOfficers(), officerApi.squadTickets()]);
      return { officers, tickets };
    },
    [],
    { enabled: !!user, refreshFailure: 'note' },
  );
  const now = useNow();
  useLiveRefresh(() => board.refresh(), ['ticket']);
  usePullDownRefresh(() => {
    void board.refresh().finally(() => void Taro.stopPullDownRefresh());
  });
  if (!user) return <PageShell>{null}</PageShell>;

  return (
    <DetailLayout
      state={board.state}
      onRetry={() => void board.reload()}
      testId="squad-board"
      loadingText={t('squad.loading')}
      header={
        <View className="jf-page-head">
          <Text className="jf-title">{t('squad.title')}</Text>
          <LargeTextToggle />
        </View>
      }
    >
      {(data) => <Board data={data} now={now} onChanged={() => void board.refresh()} />}
    </DetailLayout>
  );
}

function Board({ data, now, onChanged }: { data: BoardData; now: number; onChanged: () => void }) {
  const view = squadBoard(data.officers, data.tickets, now);
  const [reassigning, setReassigning] = useState<string | undefined>(undefined);
  const soon = view.atRisk.filter((row) => row.clock.urgency !== 'calm').length;
  return (
    <>
      <View className="jf-card jf-of-stats" data-testid="squad-summary">
        <View className="jf-of-stat">
          <Text className="jf-of-stat__value">
            {t('squad.summary.people', { n: view.onDuty.length, total: data.officers.length })}
          </Text>
          <Text className="jf-of-stat__label">{t('squad.summary.onDuty')}</Text>
        </View>
        <View className="jf-of-stat">
          <Text className="jf-of-stat__value">{String(view.atRisk.length)}</Text>
          <Text className="jf-of-stat__label">{t('squad.summary.open')}</Text>
        </View>
        <View className={`jf-of-stat${soon > 0 ? ' jf-of-stat--alert' : ''}`}>
          <Text className="jf-of-stat__value">{String(soon)}</Text>
          <Text className="jf-of-stat__label">{t('squad.summary.atRisk')}</Text>
        </View>
      </View>

      <Text className="jf-section-title">{t('squad.atRisk.title')}</Text>
      {view.atRisk.length === 0 ? (
        <Text className="jf-card jf-block jf-muted" data-testid="squad-at-risk-empty">
          {t('squad.atRisk.empty')}
        </Text>
      ) : (
        view.atRisk.map((row) => (
          <RiskRow
            key={row.ticket.id}
            row={row}
            officers={data.officers}
            open={reassigning === row.ticket.id}
            onOpen={() => setReassigning(reassigning === row.ticket.id ? undefined : row.ticket.id)}
            onDone={() => {
              setReassigning(undefined);
              onChanged();
            }}
          />
        ))
      )}

      <Text className="jf-section-title">{t('squad.officers.onDuty')}</Text>
      {view.onDuty.length === 0 ? (
        <Text className="jf-card jf-block jf-muted">{t('squad.officers.empty')}</Text>
      ) : (
        <View className="jf-card jf-of-people">
          {view.onDuty.map((row) => (
            <OfficerRow key={row.officer.id} row={row} />
          ))}
        </View>
      )}
      {view.offDuty.length > 0 && (
        <>
          <Text className="jf-section-title">{t('squad.officers.offDuty')}</Text>
          <View className="jf-card jf-of-people">
            {view.offDuty.map((row) => (
              <OfficerRow key={row.officer.id} row={row} />
            ))}
          </View>
        </>
      )}
    </>
  );
}

function OfficerRow({ row }: { row: BoardOfficer }) {
  const { officer } = row;
  const share = Math.min(1, officer.capacity > 0 ? officer.activeTickets / officer.capacity : 1);
  return (
    <View
      className={`jf-of-person${officer.onDuty ? '' : ' jf-of-person--off'}`}
      data-testid="squad-officer"
      data-officer-id={officer.id}
      data-load={officer.activeTickets}
    >
      <View className="jf-of-person__main">
        <Text className="jf-of-person__name">{officer.name}</Text>
        {officer.onDuty && (
          <Text className="jf-muted jf-block">
            {[
              t(`officer.travelMode.${officer.travelMode}`),
              officer.location
                ? t('squad.officer.seen', { time: beijingClock(Date.parse(officer.location.at)) })
                : t('squad.officer.noLocation'),
            ].join(' · ')}
          </Text>
        )}
      </View>
      {officer.onDuty && (
        <View className="jf-of-load">
          <Text className={`jf-of-load__text${row.full ? ' jf-of-load__text--full' : ''}`}>
            {row.full
              ? t('squad.officer.full')
              : t('squad.officer.load', { n: officer.activeTickets, cap: officer.capacity })}
          </Text>
          <View className="jf-of-load__track">
            <View
              className={`jf-of-load__fill${row.full ? ' jf-of-load__fill--full' : ''}`}
              style={{ width: `${Math.round(share * 100)}%` }}
            />
          </View>
        </View>
      )}
    </View>
  );
}

function RiskRow({
  row,
  officers,
  open,
  onOpen,
  onDone,
}: {
  row: BoardTicket;
  officers: OfficerSummary[];
  open: boolean;
  onOpen: () => void;
  onDone: () => void;
}) {
  const { ticket, clock } = row;
  return (
    <View
      className={`jf-card jf-of-row jf-of-row--${clock.urgency}`}
      data-testid="squad-at-risk"
      data-ticket-id={ticket.id}
      data-remaining={clock.remainingMs}
    >
      <View className="jf-head-row">
        <Text className="jf-of-head__title">{`${categoryIcon(ticket.category)} ${ticket.categoryName}`}</Text>
        <StatusBadge status={ticket.status} />
      </View>
      <Text className="jf-of-head__address">{ticket.address || ticket.streetName || ''}</Text>
      <View className="jf-of-risk__line">
        <CountdownPill clock={clock} />
        <Text className="jf-of-risk__who">{row.assigneeName ?? t('squad.atRisk.unassigned')}</Text>
        <Button data-testid="squad-reassign" size="normal" fill="outline" onClick={onOpen}>
          {t('squad.reassign')}
        </Button>
      </View>
      {open && <ReassignPanel ticket={ticket} officers={officers} onDone={onDone} onCancel={onOpen} />}
    </View>
  );
}

function ReassignPanel({
  ticket,
  officers,
  onDone,
  onCancel,
}: {
  ticket: Ticket;
  officers: OfficerSummary[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const candidates = reassignCandidates(officers, ticket);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const confirm = async () => {
    if (!chosen) return setError(t('squad.reassign.pick'));
    setBusy(true);
    setError(undefined);
    try {
      await officerApi.assign(ticket.id, chosen, reason.trim() || t('squad.reassign.reasonDefault'));
      void Taro.showToast({ title: t('squad.reassign.done'), icon: 'success' });
      onDone();
    } catch (err) {
      if (!(err instanceof ApiError && err.isAuthFailure)) setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="jf-of-panel" data-testid="squad-reassign-panel">
      <Text className="jf-of-panel__title">{t('squad.reassign.title')}</Text>
      {candidates.length === 0 ? (
        <Text className="jf-muted jf-block">{t('squad.reassign.none')}</Text>
      ) : (
        <View className="jf-of-candidates">
          {candidates.map(({ officer, meters }) => (
            <View
              key={officer.id}
              className={`jf-of-candidate${chosen === officer.id ? ' jf-of-candidate--selected' : ''}`}
              data-testid="squad-candidate"
              data-officer-id={officer.id}
              ariaRole="radio"
              onClick={() => setChosen(officer.id)}
            >
              <Text className="jf-of-person__name">{officer.name}</Text>
              <Text className="jf-muted jf-block">
                {[
                  t('squad.officer.load', { n: officer.activeTickets, cap: officer.capacity }),
                  meters !== undefined ? t('squad.officer.meters', { m: meters }) : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </View>
          ))}
        </View>
      )}
      <Textarea
        className="jf-textarea jf-of-textarea jf-of-textarea--short"
        value={reason}
        maxlength={200}
        placeholder={t('squad.reassign.reason')}
        onInput={(event) => setReason(event.detail.value)}
      />
      {error && <Text className="jf-error jf-block">{error}</Text>}
      <View className="jf-of-actions">
        <Button size="large" fill="outline" onClick={onCancel}>
          {t('squad.reassign.cancel')}
        </Button>
        <Button
          data-testid="squad-reassign-confirm"
          size="large"
          type="primary"
          loading={busy}
          disabled={candidates.length === 0}
          onClick={() => void confirm()}
        >
          {t('squad.reassign.confirm')}
        </Button>
      </View>
    </View>
  );
}
