import type { AlarmStatus } from '@jiefang/contracts';
import type { TransitionTable } from './statusTransitions';

export type AlarmAction =
  'acknowledge' | 'clear' | 'repeat' | 'record_noise' | 'remote_warning' | 'escalate_unacknowledged';

/** Alarms: active → acknowledged → cleared; a cleared alarm takes nothing more. */
export const alarmTransitions: TransitionTable<AlarmAction, AlarmStatus> = {
  acknowledge: { from: ['active'], to: 'acknowledged' },
  clear: { from: ['active', 'acknowledged'], to: 'cleared' },
  // A detection folded into the open alarm for its device and type.
  repeat: { from: ['active', 'acknowledged'], to: null },
  record_noise: { from: ['active', 'acknowledged'], to: null },
  remote_warning: { from: ['active', 'acknowledged'], to: null },
  // Indoor charging nobody acknowledged in time: the grid staff are told and a ticket is opened.
  escalate_unacknowledged: { from: ['active'], to: null },
};

export const alarmStatusGroups = {
  /** Not cleared yet: at most one such alarm per device and type. */
  open: ['active', 'acknowledged'],
} as const satisfies Record<string, readonly AlarmStatus[]>;
