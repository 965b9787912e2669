import type { NotificationTemplate } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import type { DocumentLocks } from '../../infra/documentLocks';
import type { Logger } from '../../infra/logger';
import {
  versionedChanges,
  type DocumentChange,
  type NotificationRelay,
  type PendingNotification,
} from '../../infra/versionedChanges';
import { notFound } from '../../http/httpError';
import type { EscortDocument, EscortModels, EscortTimelineRecord } from './escortModels';

/** The source name under which escorts' notifications are marked and relayed. */
export const escortNotificationSource = 'escorts';

export type EscortActor = { userId: string; name?: string; role: string } | null;

/**
 * How escorts change: through the versioned-changes kernel, each change with the notifications it
 * causes written into the escort in the same update, so neither is lost without the other.
 */
export function escortChanges(deps: {
  models: Pick<EscortModels, 'Escort'>;
  locks: DocumentLocks;
  clock: Clock;
  relay: NotificationRelay;
  logger: Logger;
  /** After every write, with the escort as it was before (null: just booked), e.g. to tell whom it concerns. */
  onChange?: (escort: EscortDocument, previous: EscortDocument | null) => void;
}) {
  const { Escort } = deps.models;
  const kernel = versionedChanges<EscortDocument>({
    source: escortNotificationSource,
    lockPrefix: 'escort',
    documents: Escort,
    locks: deps.locks,
    clock: deps.clock,
    relay: deps.relay,
    logger: deps.logger,
    written: async (escort, previous) => deps.onChange?.(escort, previous),
  });

  const getEscort = async (id: string) => {
    const escort = await Escort.findById(id).lean<EscortDocument>();
    if (!escort) throw notFound('预约不存在');
    return escort;
  };

  return {
    getEscort,

    entry: (action: string, actor: EscortActor, note: string | null = null): EscortTimelineRecord => ({
      at: deps.clock.now(),
      action,
      actorId: actor?.userId ?? null,
      actorName: actor?.name ?? null,
      actorRole: actor?.role ?? 'system',
      note,
    }),

    /** One notification per recipient (nulls and repeats dropped); the suffix tells repeats of a template apart. */
    notificationsTo(
      escort: EscortDocument,
      recipients: Array<string | null>,
      template: NotificationTemplate,
      suffix = '',
    ): PendingNotification[] {
      const unique = [...new Set(recipients.filter((id): id is string => Boolean(id)))];
      return unique.map((recipientId) => ({
        id: `escort:${escort._id}:${template}${suffix}:${recipientId}`,
        recipientId,
        template,
        data: {
          escortId: escort._id,
          elderName: escort.elderName,
          serviceType: escort.serviceType,
          windowStart: escort.windowStart.toISOString(),
        },
      }));
    },

    /**
     * Changes one escort as `decide` says (it throws to refuse, returns null to leave it as it is) and
     * resolves with the escort as stored.
     */
    async change(
      id: string,
      decide: (
        escort: EscortDocument,
      ) => DocumentChange<EscortDocument> | null | Promise<DocumentChange<EscortDocument> | null>,
    ): Promise<EscortDocument> {
      const outcome = await kernel.apply(id, decide);
      if (!outcome) throw notFound('预约不存在');
      return outcome.document;
    },

    /** Stores a new escort with the notifications its booking causes. */
    create: (escort: EscortDocument, notify: readonly PendingNotification[]) => kernel.create(escort, notify),
  };
}

export type EscortChanges = ReturnType<typeof escortChanges>;
