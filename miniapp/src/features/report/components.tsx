import { Image, Text, View } from '@tarojs/components';
import type { TicketStatus, TimelineEntry } from '@jiefang/contracts';
import { t } from '../../i18n';
import {
  actionDetail,
  actionLabel,
  formatTime,
  milestonesOnly,
  progressView,
  statusLabel,
  statusTone,
  timelineNewestFirst,
  type UploadProgress,
} from './labels';

export function StatusBadge({ status, testId }: { status: TicketStatus; testId?: string }) {
  return (
    <Text className={`jf-badge jf-badge--${statusTone(status)}`} data-testid={testId} data-status={status}>
      {statusLabel(status)}
    </Text>
  );
}

export function ProgressBar({ progress }: { progress: UploadProgress }) {
  const { percent, label } = progressView(progress);
  return (
    <View
      className="jf-progress"
      data-testid="report-progress"
      data-stage={progress.stage}
      data-percent={percent}
      ariaRole="progressbar"
      ariaLabel={label}
    >
      <View className="jf-progress__track">
        <View className="jf-progress__fill" style={{ width: `${percent}%` }} />
      </View>
      <Text className="jf-progress__label">{label}</Text>
    </View>
  );
}

/** Thumbnails in a 3-column grid; a tap opens the full-screen viewer. */
export function PhotoThumbs({
  urls,
  onPreview,
  testId,
}: {
  urls: string[];
  onPreview: (index: number) => void;
  testId?: string;
}) {
  return (
    <View className="jf-photos" data-testid={testId}>
      {urls.map((url, index) => (
        <View key={url} className="jf-photo" onClick={() => onPreview(index)}>
          <Image className="jf-photo__img" src={url} mode="aspectFill" />
        </View>
      ))}
    </View>
  );
}

export function Timeline({ entries, now }: { entries: readonly TimelineEntry[]; now: number }) {
  const sorted = timelineNewestFirst(milestonesOnly(entries));
  return (
    <View className="jf-timeline" data-testid="report-timeline">
      {sorted.map((entry, index) => {
        const detail = actionDetail(entry);
        return (
          <View
            key={`${entry.at}-${entry.action}-${index}`}
            className={index === 0 ? 'jf-timeline__item jf-timeline__item--latest' : 'jf-timeline__item'}
            data-action={entry.action}
          >
            <View className="jf-timeline__dot" />
            <View className="jf-timeline__body">
              <View className="jf-timeline__head">
                <Text className="jf-timeline__action">{actionLabel(entry.action)}</Text>
                <Text className="jf-timeline__time">{formatTime(entry.at, now)}</Text>
              </View>
              {detail && <Text className="jf-timeline__detail">{detail}</Text>}
            </View>
          </View>
        );
      })}
    </View>
  );
}

/** Five big stars; read-only without onChange. */
export function Stars({ value, onChange }: { value: number; onChange?: (score: number) => void }) {
  return (
    <View className="jf-stars" ariaRole={onChange ? 'radiogroup' : undefined}>
      {[1, 2, 3, 4, 5].map((score) => (
        <View
          key={score}
          className={score <= value ? 'jf-star jf-star--on' : 'jf-star'}
          data-testid={onChange ? `report-rate-${score}` : undefined}
          data-selected={score === value ? 'true' : 'false'}
          ariaRole={onChange ? 'radio' : undefined}
          ariaLabel={t('report.rate.stars', { n: score })}
          onClick={onChange ? () => onChange(score) : undefined}
        >
          ★
        </View>
      ))}
      {value > 0 && (
        <Text className="jf-stars__label">{t(`report.rate.level.${value as 1 | 2 | 3 | 4 | 5}`)}</Text>
      )}
    </View>
  );
}

/** A large on/off switch with its label and a hint, tappable as one row. */
export function SwitchRow({
  on,
  onChange,
  label,
  hint,
  testId,
  disabled,
}: {
  on: boolean;
  onChange: (on: boolean) => void;
  label: string;
  hint?: string;
  testId: string;
  disabled?: boolean;
}) {
  return (
    <View
      className={`jf-switch-row${on ? ' jf-switch-row--on' : ''}${disabled ? ' jf-switch-row--disabled' : ''}`}
      data-testid={testId}
      data-state={on ? 'on' : 'off'}
      ariaRole="switch"
      ariaLabel={label}
      onClick={disabled ? undefined : () => onChange(!on)}
    >
      <View className="jf-switch-row__text">
        <Text className="jf-switch-row__label">{label}</Text>
        {hint && <Text className="jf-switch-row__hint">{hint}</Text>}
      </View>
      <View className="jf-switch">
        <View className="jf-switch__thumb" />
      </View>
    </View>
  );
}

export function FieldError({ message, testId }: { message: string | undefined; testId: string }) {
  if (!message) return null;
  return (
    <Text className="jf-field-error" data-testid={testId}>
      {message}
    </Text>
  );
}
