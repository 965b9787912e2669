import { createElderRequestSchema, type CreateElderRequest, type ElderNeed } from '@jiefang/contracts';
import { t, type MessageKey } from '../i18n';
import { namePath, zodPathIssues, type PathIssue } from './fieldErrors';

/** 登记长者: one emergency contact row of the form; a row left blank is dropped. */
export interface ContactValues {
  name?: string;
  phone?: string;
  relation?: string;
}

export interface ElderFormValues {
  name?: string;
  phone?: string;
  address?: string;
  lat?: number | null;
  lng?: number | null;
  needs?: ElderNeed[];
  emergencyContacts?: ContactValues[];
  familyUserIds?: string[];
}

/** A form error as antd's `form.setFields` wants it (nested names for contact rows). */
export interface ElderFieldIssue {
  name: (string | number)[];
  errors: string[];
}

const text = (value: string | undefined) => value?.trim() ?? '';

const blank = (contact: ContactValues) =>
  !text(contact.name) && !text(contact.phone) && !text(contact.relation);

/** The contract says some things in English or in general terms: say them per field, in Chinese. */
const fieldMessages: Record<string, MessageKey> = {
  lat: 'elder.errorLat',
  lng: 'elder.errorLng',
  'emergencyContacts.name': 'elder.errorContactName',
  'emergencyContacts.relation': 'elder.errorContactRelation',
  familyUserIds: 'elder.errorFamily',
  needs: 'elder.errorNeeds',
};

function localise(issue: PathIssue): string {
  // Contract messages written for people are Chinese already (name, phone, address).
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  const generic = issue.path.replace(/\.\d+/g, '');
  const key = fieldMessages[generic];
  return key ? t(key) : t('elder.errorInvalid');
}

/** Issues (from the contract or the BFF) as antd form errors, one entry per field. */
export function elderFieldIssues(issues: readonly PathIssue[]): ElderFieldIssue[] {
  const byPath = new Map<string, string[]>();
  for (const issue of issues) {
    // A list-level problem (too many contacts) shows on the list's first row's name.
    const path = issue.path === 'emergencyContacts' ? 'emergencyContacts.0.name' : issue.path;
    const messages = byPath.get(path) ?? [];
    const message = localise({ path, message: issue.message });
    if (!messages.includes(message)) messages.push(message);
    byPath.set(path, messages);
  }
  return [...byPath].map(([path, errors]) => ({ name: namePath(path), errors }));
}

/**
 * The create request for the form, checked against the contract: trimmed text, blank contact rows dropped,
 * an unset relation left out.
 */
export function buildElderRequest(values: ElderFormValues):
  | {
      ok: true;
      request: CreateElderRequest;
      /** The form row of each contact sent, to put the BFF's `emergencyContacts.N` errors back on it. */
      contactRows: number[];
    }
  | { ok: false; issues: ElderFieldIssue[] } {
  const candidate = {
    name: text(values.name),
    phone: text(values.phone),
    address: text(values.address),
    lat: values.lat ?? undefined,
    lng: values.lng ?? undefined,
    needs: values.needs ?? [],
    // Row numbers must match the form's rows: blank rows are kept out of the request but not renumbered.
    emergencyContacts: (values.emergencyContacts ?? []).map((contact) => ({
      name: text(contact.name),
      phone: text(contact.phone),
      ...(text(contact.relation) ? { relation: text(contact.relation) } : {}),
    })),
    familyUserIds: (values.familyUserIds ?? []).map((id) => id.trim()).filter(Boolean),
  };
  const blankRows = new Set(
    (values.emergencyContacts ?? []).flatMap((contact, index) => (blank(contact) ? [index] : [])),
  );
  const parsed = createElderRequestSchema.safeParse({
    ...candidate,
    emergencyContacts: candidate.emergencyContacts.filter((_, index) => !blankRows.has(index)),
  });
  if (parsed.success) {
    const contactRows = candidate.emergencyContacts.flatMap((_, index) =>
      blankRows.has(index) ? [] : [index],
    );
    return { ok: true, request: parsed.data, contactRows };
  }
  // Check the contact rows in place, so their errors land on the rows the worker sees.
  const issues = zodPathIssues(parsed.error.issues).filter(
    (issue) => !issue.path.startsWith('emergencyContacts.'),
  );
  if (candidate.emergencyContacts.length > blankRows.size) {
    const rows = createElderRequestSchema.shape.emergencyContacts.unwrap().element;
    candidate.emergencyContacts.forEach((contact, index) => {
      if (blankRows.has(index)) return;
      const row = rows.safeParse(contact);
      if (!row.success) {
        for (const issue of zodPathIssues(row.error.issues)) {
          issues.push({ path: `emergencyContacts.${index}.${issue.path}`, message: issue.message });
        }
      }
    });
  }
  return { ok: false, issues: elderFieldIssues(issues) };
}

/** A BFF path about the N-th contact sent, rewritten to that contact's row on the form. */
export function contactRowPath(path: string, contactRows: readonly number[]): string {
  const match = /^emergencyContacts\.(\d+)(\..*)?$/.exec(path);
  if (!match) return path;
  const row = contactRows[Number(match[1])];
  return row === undefined ? path : `emergencyContacts.${row}${match[2] ?? ''}`;
}
