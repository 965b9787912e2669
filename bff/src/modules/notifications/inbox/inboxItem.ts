import {
  notificationSubjectId,
  notificationTemplateSpec,
  unknownNotificationTitle,
  type NotificationItem,
} from '@jiefang/contracts';
import type { NotificationState } from '../notificationOutbox';

/**
 * An inbox entry as the apps show it: words and subject from the contracts' catalogue (a generic
 * title for a template this build does not know), read by itself or by the user's 全部已读 mark.
 */
export function inboxItem(state: NotificationState, allReadAt: Date | null): NotificationItem {
  const spec = notificationTemplateSpec(state.template);
  const readAt = state.readAt ?? (allReadAt && state.createdAt <= allReadAt ? allReadAt : null);
  return {
    id: state._id,
    template: state.template,
    data: state.data,
    status: state.status,
    createdAt: state.createdAt.toISOString(),
    title: spec?.title ?? unknownNotificationTitle,
    body: spec ? spec.body(state.data) : '',
    subject: spec
      ? { kind: spec.subject, id: notificationSubjectId(spec, state.data) }
      : { kind: null, id: null },
    readAt: readAt ? readAt.toISOString() : null,
  };
}
