import { type AlarmSeverity, type AlarmStatus, type AlarmType } from '@jiefang/contracts';
import { Tag } from 'antd';
import {
  alarmStatusColors,
  alarmStatusLabel,
  alarmTypeLabel,
  severityLabel,
  severityTagColors,
} from '../alarms/labels';

/** The alarm's type in its severity's colour: critical red, major orange, minor blue. */
export function AlarmTypeTag({ type, severity }: { type: AlarmType; severity: AlarmSeverity }) {
  return (
    <Tag
      color={severityTagColors[severity]}
      data-testid="alarm-type"
      data-type={type}
      data-severity={severity}
      style={{ marginInlineEnd: 0 }}
    >
      {`${alarmTypeLabel(type)} · ${severityLabel(severity)}`}
    </Tag>
  );
}

export function AlarmStatusTag({ status }: { status: AlarmStatus }) {
  return (
    <Tag
      color={alarmStatusColors[status]}
      data-testid="alarm-status"
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {alarmStatusLabel(status)}
    </Tag>
  );
}
