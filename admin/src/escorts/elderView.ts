import { type Elder } from '@jiefang/contracts';
import { t } from '../i18n';

/** Matches a name, phone, address or contact, ignoring spaces and case. */
export function elderMatches(elder: Elder, search: string): boolean {
  const needle = search.replace(/\s+/g, '').toLowerCase();
  if (!needle) return true;
  const haystack = [
    elder.name,
    elder.phone,
    elder.address ?? '',
    ...elder.emergencyContacts.flatMap((contact) => [contact.name, contact.phone]),
  ]
    .join('|')
    .replace(/\s+/g, '')
    .toLowerCase();
  return haystack.includes(needle);
}

/** "陈小明（儿子）13800000000" */
export function contactLine(contact: Elder['emergencyContacts'][number]): string {
  return contact.relation
    ? t('elder.contactLineRelation', { name: contact.name, relation: contact.relation, phone: contact.phone })
    : t('elder.contactLine', { name: contact.name, phone: contact.phone });
}
