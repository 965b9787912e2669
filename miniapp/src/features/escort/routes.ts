/** The 陪依(医)计划 pages, all in the `subpackages/escort` subpackage (kept out of the main package). */
export const ESCORT_BOOK_PAGE = '/subpackages/escort/book/index';
export const ESCORT_MINE_PAGE = '/subpackages/escort/mine/index';
export const ESCORT_DETAIL_PAGE = '/subpackages/escort/detail/index';
export const VOLUNTEER_REGISTER_PAGE = '/subpackages/escort/register/index';
export const ESCORT_OPEN_PAGE = '/subpackages/escort/open/index';
export const ESCORT_TASK_PAGE = '/subpackages/escort/task/index';
export const ESCORT_TODAY_PAGE = '/subpackages/escort/today/index';
export const VOLUNTEER_HOURS_PAGE = '/subpackages/escort/hours/index';

/** A family's booking (预约详情). */
export function escortDetailUrl(id: string): string {
  return `${ESCORT_DETAIL_PAGE}?id=${encodeURIComponent(id)}`;
}

/** A request as a volunteer sees it (需求详情): accept, check in, complete. */
export function escortTaskUrl(id: string): string {
  return `${ESCORT_TASK_PAGE}?id=${encodeURIComponent(id)}`;
}

/** Open requests reload this often while the page is visible. */
export const OPEN_REFRESH_MS = 30_000;
/** A booking being followed by the family reloads this often. */
export const DETAIL_REFRESH_MS = 30_000;

/** Emergency number shown next to 紧急求助. */
export const AMBULANCE_NUMBER = '120';
