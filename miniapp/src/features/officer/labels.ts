import type { TicketStatus } from '@jiefang/contracts';
import { t } from '../../i18n';
import type { Countdown } from './countdown';
import { formatDuration } from './countdown';

/** Status names as officers use them (a resident's 待确认 is the officer's 已办结). */
export function officerStatusLabel(status: TicketStatus): string {
  return t(`officer.status.${status}`);
}

/** `接单 剩 2:31`, `到场 超 1:05`. */
export function countdownLabel(clock: Countdown): { name: string; value: string } {
  const time = formatDuration(clock.remainingMs);
  return {
    name: t(clock.kind === 'accept' ? 'officer.countdown.accept' : 'officer.countdown.onSite'),
    value:
      clock.remainingMs < 0 ? t('officer.countdown.over', { time }) : t('officer.countdown.left', { time }),
  };
}
