import { notificationTemplateSpec, type NotificationItem } from '@jiefang/contracts';
import { OWNER_ALARMS_PAGE } from '../devices/routes';
import { escortDetailUrl, escortTaskUrl } from '../escort/routes';
import { OFFICER_DUTY_PAGE, officerTaskUrl } from '../officer/routes';
import { detailUrl } from '../report/routes';

/** 消息: every notification the user received, in the `subpackages/messages` subpackage. */
export const MESSAGES_PAGE = '/subpackages/messages/index';

/**
 * The page a notification opens: the report, the booking (the volunteer's task for an urgent offer) or
 * the owner's alarms; for officers and squad leaders a ticket's task page, and their duty page for a
 * shift. Other staff notifications and unknown templates open nothing here (that staff works in the
 * admin panel), nor does one whose data lacks the id.
 */
export function subjectUrl(item: Pick<NotificationItem, 'template' | 'subject'>): string | undefined {
  const spec = notificationTemplateSpec(item.template);
  if (!spec) return undefined;
  const { kind, id } = item.subject;
  if (spec.audience === 'staff') {
    if (kind === 'roster') return OFFICER_DUTY_PAGE;
    return kind === 'ticket' && id ? officerTaskUrl(id) : undefined;
  }
  if (kind === 'alarm') return OWNER_ALARMS_PAGE;
  if (!id) return undefined;
  if (kind === 'ticket') return detailUrl(id);
  if (kind === 'escort')
    return item.template === 'escort_urgent_offer' ? escortTaskUrl(id) : escortDetailUrl(id);
  return undefined;
}
