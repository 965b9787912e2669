import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { metersBetween, type Ticket, type TicketStatus } from '@jiefang/contracts';
import { t } from '../../i18n';
import { categoryIcon, formatTime } from '../report/labels';
import { ticketCountdowns, worstUrgency, type Countdown } from './countdown';
import { countdownLabel, officerStatusLabel } from './labels';
import type { LocationFix } from './locationThrottle';

const tones: Record<TicketStatus, string> = {
  dispatch_queue: 'waiting',
  assigned: 'alert',
  accepted: 'working',
  on_site: 'working',
  resolved: 'done',
  confirmed: 'done',
  reopened: 'alert',
  closed: 'done',
};

export function StatusBadge({ status, testId }: { status: TicketStatus; testId?: string }) {
  return (
    <Text className={`jf-badge jf-badge--${tones[status]}`} data-testid={testId} data-status={status}>
      {officerStatusLabel(status)}
    </Text>
  );
}

/** One clock as a pill: `接单 剩 2:31`, coloured by urgency. */
export function CountdownPill({ clock, testId }: { clock: Countdown; testId?: string }) {
  const { name, value } = countdownLabel(clock);
  return (
    <View
      className={`jf-of-clock jf-of-clock--${clock.urgency}`}
      data-testid={testId}
      data-kind={clock.kind}
      data-urgency={clock.urgency}
    >
      <Text className="jf-of-clock__name">{name}</Text>
      <Text className="jf-of-clock__value">{value}</Text>
    </View>
  );
}

export function Countdowns({ ticket, now, testId }: { ticket: Ticket; now: number; testId: string }) {
  const clocks = ticketCountdowns(ticket, now);
  if (clocks.length === 0) return null;
  return (
    <View className="jf-of-clocks">
      {clocks.map((clock) => (
        <CountdownPill key={clock.kind} clock={clock} testId={`${testId}-${clock.kind}`} />
      ))}
    </View>
  );
}

/** `约 350 米` from the officer's last position, when known. */
export function distanceFrom(
  fix: LocationFix | undefined,
  ticket: Pick<Ticket, 'location'>,
): number | undefined {
  return fix ? Math.round(metersBetween(fix, ticket.location)) : undefined;
}

/** The head of a ticket in a list: icon, category, status, address. */
export function TicketHead({ ticket, meters }: { ticket: Ticket; meters?: number }) {
  return (
    <View className="jf-of-head">
      <Text className="jf-of-head__icon">{categoryIcon(ticket.category)}</Text>
      <View className="jf-of-head__text">
        <View className="jf-head-row">
          <Text className="jf-of-head__title">{ticket.categoryName}</Text>
          <StatusBadge status={ticket.status} />
        </View>
        <Text className="jf-of-head__address">
          {[
            ticket.address || ticket.streetName,
            meters !== undefined ? t('officer.task.distanceValue', { m: meters }) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </View>
    </View>
  );
}

/** A ticket the officer holds, in the 进行中 list. */
export function TaskRow({
  ticket,
  now,
  fix,
  onOpen,
}: {
  ticket: Ticket;
  now: number;
  fix: LocationFix | undefined;
  onOpen: () => void;
}) {
  const urgency = worstUrgency(ticketCountdowns(ticket, now));
  return (
    <View
      className={`jf-card jf-of-row${urgency ? ` jf-of-row--${urgency}` : ''}`}
      data-testid="officer-task"
      data-ticket-id={ticket.id}
      onClick={onOpen}
    >
      <TicketHead ticket={ticket} meters={distanceFrom(fix, ticket)} />
      <Countdowns ticket={ticket} now={now} testId="officer-task-clock" />
      <Text className="jf-muted jf-block">{`${t('officer.task.reportedAt')} ${formatTime(ticket.reportedAt, now)}`}</Text>
    </View>
  );
}

const rejectReasons = [
  'officer.reject.reason.busy',
  'officer.reject.reason.far',
  'officer.reject.reason.notMine',
  'officer.reject.reason.vehicle',
] as const;

/** 拒单: a reason from the usual ones or written, then the confirmation. */
export function RejectPanel({
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  busy: boolean;
  error: string | undefined;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const reason = [chosen, text.trim()].filter(Boolean).join('：');
  return (
    <View className="jf-of-panel" data-testid="officer-reject-panel">
      <Text className="jf-of-panel__title">{t('officer.reject.title')}</Text>
      <Text className="jf-muted jf-block">{t('officer.reject.hint')}</Text>
      <View className="jf-choices">
        {rejectReasons.map((key) => {
          const label = t(key);
          const selected = chosen === label;
          return (
            <View
              key={key}
              className={`jf-choice${selected ? ' jf-choice--selected' : ''}`}
              data-testid={`officer-reject-reason-${key.split('.').pop()}`}
              ariaRole="radio"
              onClick={() => {
                setChosen(selected ? undefined : label);
                setMissing(false);
              }}
            >
              {label}
            </View>
          );
        })}
      </View>
      <Textarea
        className="jf-textarea jf-of-textarea"
        nativeProps={{ 'data-testid': 'officer-reject-text' }}
        value={text}
        maxlength={150}
        placeholder={t('officer.reject.placeholder')}
        onInput={(event) => {
          setText(event.detail.value);
          setMissing(false);
        }}
      />
      {(missing || error) && (
        <Text className="jf-error" data-testid="officer-reject-error">
          {missing ? t('officer.reject.needReason') : error}
        </Text>
      )}
      <View className="jf-of-actions">
        <Button size="large" fill="outline" onClick={onCancel}>
          {t('officer.reject.cancel')}
        </Button>
        <Button
          data-testid="officer-reject-confirm"
          size="large"
          type="danger"
          loading={busy}
          onClick={() => (reason ? onConfirm(reason) : setMissing(true))}
        >
          {t('officer.reject.confirm')}
        </Button>
      </View>
    </View>
  );
}
