import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import {
  auditedRouteOf,
  staffRoles,
  type ApiRoute,
  type AuditOutcome,
  type AuditTargetKind,
  type AuditedRoute,
} from '@jiefang/contracts';
import { auditChangeOf } from '../../domain/auditRedaction';
import type { AppState, Caller } from '../../http/appState';
import { toHttpError } from '../../http/errorMiddleware';
import type { RouteAuditing, RouteContext } from '../../http/routeRegistry';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { AuditDocument } from './auditModel';
import type { AuditJournal } from './auditJournal';

/** Where an entry's street comes from: app.ts answers from the modules that know each target. */
export interface AuditStreets {
  /** A street id for a street named in a request (`street`: an id or a name), or null. */
  named(idOrName: string): string | null;
  /** The street of a target, when its kind has one and it exists. */
  ofTarget(kind: AuditTargetKind, id: string): Promise<string | null>;
  /** The street of a staff member's account (a street's staff, or a street's administrator). */
  ofUser(userId: string): Promise<string | null>;
}

/** What is recorded of a finished request: done; a refusal (403); a server failure; or nothing. */
export function auditOutcomeOf(status: number): AuditOutcome | null {
  if (status < 400) return 'done';
  if (status === 403) return 'refused';
  if (status >= 500) return 'failed';
  return null;
}

const maxUserAgent = 300;

const staffCaller = (caller: Caller | undefined): caller is Caller =>
  Boolean(caller?.roles.some((role) => staffRoles.includes(role)));

/** The `id` of what a route created, from its JSON answer. */
const createdIdOf = (body: unknown): string | null => {
  const id = body && typeof body === 'object' ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
};

function targetIdOf(audited: AuditedRoute, ctx: RouteContext, caller: Caller): string | null {
  const { targetId } = audited;
  if (targetId === 'caller') return caller.userId;
  if (targetId === 'created') return createdIdOf(ctx.body);
  if ('fixed' in targetId) return targetId.fixed;
  return ctx.params[targetId.param] ?? null;
}

/**
 * The audit log's side of the route registry: on an audited route, a staff caller's request is written
 * ahead to the journal once it has passed the checks and validation (just before the handler acts), and
 * once answered recorded with its outcome (see auditJournal for why a recorded action cannot go missing).
 * A refusal (403) is recorded without being written ahead: it did nothing. Residents', volunteers' and
 * owners' requests are not staff actions and are not recorded.
 */
export function auditRecorder(deps: {
  journal: AuditJournal;
  streets: AuditStreets;
  clock: Clock;
  logger: Logger;
}): RouteAuditing {
  const { journal, streets, clock, logger } = deps;
  /** The entry of each audited request in flight, and whether it is written ahead yet. */
  const inFlight = new WeakMap<Context, { draft: AuditDocument; opened: boolean }>();

  /** The target's street, a street named in the request, or else the actor's own; null when none. */
  const streetOf = async (
    kind: AuditTargetKind,
    targetId: string | null,
    change: Record<string, unknown> | null,
    caller: Caller,
  ): Promise<string | null> => {
    try {
      const fromTarget = targetId ? await streets.ofTarget(kind, targetId) : null;
      if (fromTarget) return fromTarget;
      const named = typeof change?.street === 'string' ? streets.named(change.street) : null;
      return named ?? (await streets.ofUser(caller.userId));
    } catch (error) {
      logger.warn({ err: error, kind, targetId }, 'audit entry recorded without its street');
      return null;
    }
  };

  return {
    async acting(ctx: Context): Promise<void> {
      const request = inFlight.get(ctx);
      if (!request || request.opened) return;
      await journal.open(request.draft);
      request.opened = true;
    },

    middlewareFor(route: ApiRoute): Middleware<AppState> | null {
      const audited = auditedRouteOf(route);
      if (!audited) return null;
      return async (ctx, next) => {
        const caller = ctx.state.caller;
        if (!staffCaller(caller)) return next();
        const routeContext = ctx as RouteContext;
        const change = auditChangeOf(route.method === 'GET' ? ctx.query : ctx.request.body);
        const draft: AuditDocument = {
          _id: randomUUID(),
          at: clock.now(),
          actorId: caller.userId,
          actorName: caller.name ?? null,
          actorRoles: caller.roles,
          action: audited.action,
          targetKind: audited.target,
          targetId: audited.targetId === 'created' ? null : targetIdOf(audited, routeContext, caller),
          streetId: null,
          outcome: 'interrupted',
          status: null,
          change: change ? JSON.stringify(change) : null,
          method: ctx.method,
          path: ctx.path,
          clientAddress: ctx.request.ip,
          userAgent: ctx.get('User-Agent').slice(0, maxUserAgent),
          requestId: ctx.state.requestId,
        };
        // Written ahead by `acting`, once checks and validation have passed: before that, nothing is done.
        const request = { draft, opened: false };
        inFlight.set(ctx, request);

        let failure: { error: unknown } | null = null;
        let status: number;
        try {
          await next();
          status = ctx.status;
        } catch (error) {
          failure = { error };
          status = toHttpError(error).status;
        }
        const outcome = auditOutcomeOf(status);
        // A server failure before the write-ahead (Redis refusing it, say) did nothing either.
        if (outcome && (request.opened || outcome === 'refused')) {
          const targetId = targetIdOf(audited, routeContext, caller);
          await journal.settle(
            {
              ...draft,
              targetId,
              streetId: await streetOf(audited.target, targetId, change, caller),
              outcome,
              status,
            },
            { opened: request.opened },
          );
        } else if (request.opened) {
          await journal.discard(draft._id);
        }
        if (failure) throw failure.error;
      };
    },
  };
}
