import type Router from '@koa/router';
import { updateCategoryRequestSchema, type CategoryList } from '@jiefang/contracts';
import type { Middleware } from 'koa';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import { forbidden } from '../../http/httpError';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { CategoryStore } from './categoryStore';
import type { CategoryChanges, LiveCategoryCatalogue } from './liveCategoryCatalogue';

export interface CategoryRoutesDeps {
  catalogue: LiveCategoryCatalogue;
  store: CategoryStore;
  changes: CategoryChanges;
  /** The street an account belongs to (a street's administrator has one; the district's has none). */
  streetOf: (userId: string) => Promise<string | null>;
}

/**
 * Every API request reads the categories as they are now (within `categoryCheckEveryMs` of an edit).
 * Health checks and static files do not wait for it.
 */
export function freshCategories(catalogue: LiveCategoryCatalogue): Middleware<AppState> {
  return async (ctx, next) => {
    if (ctx.path.startsWith('/api/')) await catalogue.fresh();
    await next();
  };
}

/** 事项分类: residents see the enabled categories; the district's administrators edit them. */
export function categoryRoutes(api: RouteRegistry, deps: CategoryRoutesDeps): Router<AppState> {
  const { router, route } = api.router();

  /** A category is the same in every street, so only an administrator without a street edits one. */
  const districtAdminsOnly: Middleware<AppState> = async (ctx, next) => {
    if (await deps.streetOf(callerOf(ctx.state).userId))
      throw forbidden('事项分类全区通用，只有区级管理员可以修改');
    await next();
  };

  route({ method: 'GET', path: '/api/categories' }, (ctx) => {
    const body: CategoryList = { items: deps.catalogue.all().filter((category) => category.enabled) };
    ctx.body = body;
  });

  route({ method: 'GET', path: '/api/categories/all' }, (ctx) => {
    const body: CategoryList = { items: deps.catalogue.all() };
    ctx.body = body;
  });

  route(
    {
      method: 'PATCH',
      path: '/api/categories/:code',
      body: updateCategoryRequestSchema,
      guards: [districtAdminsOnly],
    },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      const updated = await deps.store.update(ctx.params.code ?? '', body, {
        id: caller.userId,
        name: caller.name ?? null,
      });
      // The edit is saved: should Redis be away, the other instances read it at their periodic reload.
      await deps.changes.changed().catch((error: unknown) => {
        ctx.state.logger.warn({ err: error, category: updated.code }, 'category change not announced');
      });
      await deps.catalogue.reload();
      ctx.body = updated;
    },
  );

  route({ method: 'GET', path: '/api/categories/:code/revisions' }, async (ctx) => {
    ctx.body = { items: await deps.store.revisions(ctx.params.code ?? '') };
  });

  return router;
}
