import Taro from '@tarojs/taro';
import type { Ticket } from '@jiefang/contracts';
import { createOfficerApi } from '../../api/officers';
import { createRosterApi } from '../../api/rosters';
import { apiClient } from '../../services';
import { reportsApi } from '../report/reportServices';
import { navigationTarget } from './navigation';
import type { AfterPhoto, ResolveIo } from './resolution';

export const officerApi = createOfficerApi(apiClient);
export const rosterApi = createRosterApi(apiClient);

/** Uploads one after-photo (POST /api/photos, as 随手拍 does) and gives its id. */
export const uploadAfterPhoto: ResolveIo['uploadPhoto'] = async (photo, onProgress) =>
  (await reportsApi.uploadPhoto(photo, onProgress)).id;

/** A photo's signed path made absolute for the mini-program. */
export const photoUrl = (path: string): string => reportsApi.photoUrl(path);

/** Opens the ticket's place in WeChat's map (which offers route planning), or 高德 in H5. */
export function navigateTo(ticket: Pick<Ticket, 'location' | 'categoryName' | 'address'>): void {
  const target = navigationTarget(ticket.location, ticket.categoryName, ticket.address);
  if (process.env.TARO_ENV === 'h5') {
    window.open(target.amapUrl, '_blank', 'noopener');
    return;
  }
  void Taro.openLocation(target.openLocation).catch(() => undefined);
}

/** Tickets lately shown in a list, so that a task page opens at once. */
const recent = new Map<string, Ticket>();

export function rememberTickets(items: readonly Ticket[]): void {
  for (const item of items) recent.set(item.id, item);
  while (recent.size > 100) {
    const oldest = recent.keys().next().value;
    if (oldest === undefined) break;
    recent.delete(oldest);
  }
}

export function rememberedTicket(id: string): Ticket | undefined {
  return recent.get(id);
}

/** After-photos chosen on the resolve form, by platform. */
export type { AfterPhoto };
