import { DatePicker, TimePicker } from 'antd';
import { type Dayjs } from 'dayjs';
import { useMemo, type KeyboardEvent } from 'react';
import {
  CLOCK_FORMAT,
  DAY_FORMAT,
  clockLimits,
  clockOf,
  clockToDayjs,
  dayOf,
  dayToDayjs,
} from './wallClockValue';

/**
 * antd pickers over Beijing wall-clock strings, for `Form.Item`s whose values stay `YYYY-MM-DD` / `HH:mm`.
 * They replace `<input type="date|time">`, whose wording and AM/PM follow the browser rather than the
 * app's Chinese locale (which `ConfigProvider` and dayjs's `zh-cn` give these pickers). Their "today" and
 * "now" buttons are hidden: they would use the browser's zone, not Beijing's.
 */

/**
 * Enter confirms what was typed in the picker; it must not also submit the surrounding form (the browser's
 * implicit submission), which would book an escort with the rest of the form still at its defaults.
 */
const keepEnterInPicker = (event: KeyboardEvent<HTMLElement>) => {
  if (event.key === 'Enter') event.preventDefault();
};

interface Common {
  'data-testid'?: string;
  'aria-label'?: string;
  id?: string;
  disabled?: boolean;
  status?: '' | 'error' | 'warning';
}

export function DayPicker({
  value,
  onChange,
  min,
  max,
  ...rest
}: Common & {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Earliest and latest days offered, `YYYY-MM-DD` (e.g. today in Beijing). */
  min?: string;
  max?: string;
}) {
  // One object per value: the picker drops a pick in progress when its value prop changes identity.
  const day = useMemo(() => dayToDayjs(value), [value]);
  return (
    <DatePicker
      {...rest}
      style={{ width: '100%' }}
      format={DAY_FORMAT}
      showToday={false}
      allowClear={false}
      onKeyDown={keepEnterInPicker}
      value={day}
      disabledDate={(day: Dayjs) => {
        const text = day.format(DAY_FORMAT);
        return (min !== undefined && text < min) || (max !== undefined && text > max);
      }}
      onChange={(day: Dayjs | null) => onChange?.(day ? dayOf(day) : undefined)}
    />
  );
}

export function ClockPicker({
  value,
  onChange,
  min = '00:00',
  max = '23:59',
  minuteStep = 5,
  ...rest
}: Common & {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Earliest and latest times offered, `HH:mm`; hours outside are not listed at all. */
  min?: string;
  max?: string;
  minuteStep?: 1 | 5 | 10 | 15 | 30;
}) {
  const clock = useMemo(() => clockToDayjs(value), [value]);
  return (
    <TimePicker
      {...rest}
      style={{ width: '100%' }}
      format={CLOCK_FORMAT}
      minuteStep={minuteStep}
      showNow={false}
      allowClear={false}
      onKeyDown={keepEnterInPicker}
      // A pick (hour, then minute) takes effect at once, as the native input did; no 确定 to press.
      needConfirm={false}
      hideDisabledOptions
      disabledTime={() => clockLimits(min, max)}
      value={clock}
      onChange={(clock: Dayjs | null) => onChange?.(clock ? clockOf(clock) : undefined)}
    />
  );
}

/** Both ends included; antd keeps them in order, so the first is never after the second. */
export function DayRangePicker({
  value,
  onChange,
  max,
  ...rest
}: Common & {
  value?: [string, string];
  onChange?: (value: [string, string] | undefined) => void;
  /** Latest day offered, `YYYY-MM-DD`. */
  max?: string;
  /** What the two inputs say while empty. */
  placeholder?: [string, string];
}) {
  const [fromText, toText] = value ?? [];
  const days = useMemo(() => {
    const from = dayToDayjs(fromText);
    const to = dayToDayjs(toText);
    return from && to ? ([from, to] as [Dayjs, Dayjs]) : null;
  }, [fromText, toText]);
  return (
    <DatePicker.RangePicker
      {...rest}
      format={DAY_FORMAT}
      allowClear={false}
      onKeyDown={keepEnterInPicker}
      value={days}
      disabledDate={(day: Dayjs) => max !== undefined && day.format(DAY_FORMAT) > max}
      onChange={(picked) => {
        const [start, end] = picked ?? [];
        onChange?.(start && end ? [dayOf(start), dayOf(end)] : undefined);
      }}
    />
  );
}
