import type { Household } from '@jiefang/contracts';
import { maskPhone } from '../../domain/escortRules';
import type { HouseholdDocument } from './householdModel';
import type { HouseholdPlaces } from './householdPlaces';

/** The contacts' and owners' phones in full only for those who call them: see `householdRoutes`. */
export const householdView = (
  household: HouseholdDocument,
  places: HouseholdPlaces,
  options: { fullPhones: boolean },
): Household => {
  const phone = (value: string) => (options.fullPhones ? value : maskPhone(value));
  const links = household.ownerLinks ?? [];
  return {
    id: household._id,
    streetId: household.streetId,
    streetName: places.streetName(household.streetId),
    address: household.address,
    location: household.location ? { lat: household.location.lat, lng: household.location.lng } : null,
    gridId: household.gridId ?? null,
    gridName: places.gridName(household.gridId),
    ownerIds: household.ownerIds,
    owners: household.ownerIds.map((id) => {
      const link = links.find((candidate) => candidate.userId === id);
      return {
        id,
        phone: link?.phone ? phone(link.phone) : null,
        linkedAt: link ? new Date(link.linkedAt).toISOString() : null,
      };
    }),
    contacts: household.contacts.map((contact) => ({ ...contact, phone: phone(contact.phone) })),
    chargingAlarmCount: household.chargingAlarmIds.length,
  };
};
