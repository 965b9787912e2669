/** The 随手拍 pages, all in the `subpackages/report` subpackage (kept out of the main package). */
export const REPORT_CREATE_PAGE = '/subpackages/report/create/index';
export const MINE_PAGE = '/subpackages/report/mine/index';
export const DETAIL_PAGE = '/subpackages/report/detail/index';

export function detailUrl(ticketId: string): string {
  return `${DETAIL_PAGE}?id=${encodeURIComponent(ticketId)}`;
}
export const RESULT_PAGE = '/subpackages/report/result/index';

/** The result page of a submission: its ticket and whether it was new, joined or a replay. */
export function resultUrl(ticketId: string, outcome: 'created' | 'joined' | 'replayed'): string {
  return `${RESULT_PAGE}?id=${encodeURIComponent(ticketId)}&outcome=${outcome}`;
}
