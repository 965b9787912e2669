/** The officers' and squad leaders' pages, all in the `subpackages/officer` subpackage. */
export const OFFICER_DUTY_PAGE = '/subpackages/officer/duty/index';
export const OFFICER_TASK_PAGE = '/subpackages/officer/task/index';
export const OFFICER_HISTORY_PAGE = '/subpackages/officer/history/index';
export const SQUAD_BOARD_PAGE = '/subpackages/officer/squad/index';

/** One ticket as the officer works on it (接单, 导航, 签到, 办结). */
export function officerTaskUrl(id: string): string {
  return `${OFFICER_TASK_PAGE}?id=${encodeURIComponent(id)}`;
}
