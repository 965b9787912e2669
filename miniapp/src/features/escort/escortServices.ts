import Taro from '@tarojs/taro';
import { districtMapSchema, type Escort, type LatLng } from '@jiefang/contracts';
import { contractRoute } from '../../api/contractRoute';
import { createEscortsApi } from '../../api/escorts';
import { t } from '../../i18n';
import { apiClient } from '../../services';
import { locateWgs84 } from '../report/location';
import { streetChoices, type StreetChoice } from '../report/streets';
import { AMBULANCE_NUMBER } from './routes';

export const escortsApi = createEscortsApi(apiClient);
const districtRoute = contractRoute('GET', '/api/district');

/** The streets with their centres (for a service area or an elder's home when GPS is refused). */
export async function loadStreets(): Promise<StreetChoice[]> {
  return streetChoices(await apiClient.send(districtRoute.to(), districtMapSchema));
}

/** The user's position in WGS-84 (as 随手拍 gets it); rejects when refused or unavailable. */
export async function locateHere(): Promise<LatLng & { accuracy?: number }> {
  const { lat, lng, accuracy } = await locateWgs84();
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) throw new Error('no position');
  return { lat, lng, accuracy };
}

/** The position if it comes within `ms`, else undefined: an SOS must not wait for a slow GPS. */
export async function locateQuickly(ms = 6000): Promise<LatLng | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      locateHere().catch(() => undefined),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export function dial(phoneNumber: string): void {
  Taro.makePhoneCall({ phoneNumber }).catch(() => {
    void Taro.showToast({ title: t('escort.call.failed', { phone: phoneNumber }), icon: 'none' });
  });
}

export function callAmbulance(): void {
  dial(AMBULANCE_NUMBER);
}

/** Escorts lately shown in a list, so that a detail opens at once (and still shows if its GET is refused). */
const recent = new Map<string, Escort>();

export function rememberEscorts(items: readonly Escort[]): void {
  for (const item of items) recent.set(item.id, item);
  // Keep it small: the oldest entries go first.
  while (recent.size > 200) {
    const oldest = recent.keys().next().value;
    if (oldest === undefined) break;
    recent.delete(oldest);
  }
}

export function rememberedEscort(id: string): Escort | undefined {
  return recent.get(id);
}

/** Told to list pages when an escort changed elsewhere (accepted, withdrawn…), so they reload on show. */
export const ESCORTS_CHANGED = 'jf:escorts-changed';

export function announceEscortsChanged(): void {
  Taro.eventCenter.trigger(ESCORTS_CHANGED);
}
