import type { Alarm, Household } from '@jiefang/contracts';
import { t } from '../../i18n';

export type BindValidation = { ok: true; phone: string; code: string } | { ok: false; message: string };

/** The 绑定住户 form, checked before it is sent: a mainland mobile (spaces and +86 allowed) and 6 digits. */
export function validateBinding(phone: string, code: string): BindValidation {
  const mobile = phone.replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
  if (!/^1[3-9]\d{9}$/.test(mobile)) return { ok: false, message: t('owner.bind.phoneInvalid') };
  const digits = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(digits)) return { ok: false, message: t('owner.bind.codeInvalid') };
  return { ok: true, phone: mobile, code: digits };
}

/** Household id → address, for naming an alarm's place by its address (an owner never sees ids). */
export function addressBook(households: readonly Pick<Household, 'id' | 'address'>[]): Map<string, string> {
  return new Map(households.map((household) => [household.id, household.address]));
}

/** Where an alarm is, in words an owner knows: the device's site, its household's address, or the street. */
export function ownerAlarmPlace(
  alarm: Pick<Alarm, 'site' | 'householdId' | 'streetName'>,
  addresses: ReadonlyMap<string, string>,
): string {
  const address = alarm.householdId ? addresses.get(alarm.householdId) : undefined;
  return alarm.site ?? address ?? alarm.streetName ?? t('owner.alarm.myHome');
}
