import type Router from '@koa/router';
import {
  gridPublishRequestSchema,
  gridUploadRequestSchema,
  type DistrictMap,
  type StreetList,
} from '@jiefang/contracts';
import type { Middleware } from 'koa';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import { streetSummaries, type District, type GridFeature } from './district';
import type { GridUploads } from './gridUploads';
import type { LiveDistrictGrids } from './liveDistrictGrids';

/**
 * Every API request reads the grids as they are now (within `gridsCheckEveryMs` of a publication).
 * Health checks and static files do not wait for it.
 */
export function freshDistrictGrids(grids: LiveDistrictGrids): Middleware<AppState> {
  return async (ctx, next) => {
    if (ctx.path.startsWith('/api/')) await grids.fresh();
    await next();
  };
}

function districtMapOf(district: District): DistrictMap {
  return {
    type: 'FeatureCollection',
    name: district.name,
    features: district.features.map((feature) => ({
      type: 'Feature',
      properties: {
        id: feature.properties.id,
        name: feature.properties.name,
        squadId: feature.properties.squadId,
        squadName: feature.properties.squadName,
      },
      geometry: { type: 'Polygon', coordinates: feature.geometry.coordinates },
    })),
    grids: district.grids.map((grid) => ({
      type: 'Feature',
      properties: {
        id: grid.properties.id,
        name: grid.properties.name,
        streetId: grid.properties.streetId,
        community: grid.properties.community,
      },
      geometry: { type: 'Polygon', coordinates: grid.geometry.coordinates },
    })),
  };
}

export function districtRoutes(
  api: RouteRegistry,
  deps: { district: District; grids: LiveDistrictGrids; uploads: GridUploads },
): Router<AppState> {
  const { district } = deps;
  const { router, route } = api.router();
  const streets: StreetList = { items: streetSummaries(district) };
  route({ method: 'GET', path: '/api/streets' }, (ctx) => {
    ctx.body = streets;
  });

  // Built again only when a publication replaced the grids array.
  const maps = new WeakMap<GridFeature[], DistrictMap>();
  route({ method: 'GET', path: '/api/district' }, (ctx) => {
    let map = maps.get(district.grids);
    if (!map) {
      map = districtMapOf(district);
      maps.set(district.grids, map);
    }
    // Grids change when a street publishes new ones: clients revalidate (a 304 while nothing changed).
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('ETag', `W/"grids-${deps.grids.tag()}"`);
    ctx.status = 200; // koa compares the ETag only for a successful status
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = map;
  });

  route(
    { method: 'POST', path: '/api/district/streets/:streetId/grids/preview', body: gridUploadRequestSchema },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      ctx.body = await deps.uploads.preview(caller.userId, ctx.params.streetId ?? '', body.geojson);
    },
  );

  route(
    { method: 'POST', path: '/api/district/streets/:streetId/grids', body: gridPublishRequestSchema },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      ctx.status = 201;
      ctx.body = await deps.uploads.publish(
        { id: caller.userId, name: caller.name ?? null },
        ctx.params.streetId ?? '',
        body.geojson,
        body.baseVersion,
      );
    },
  );

  route({ method: 'GET', path: '/api/district/streets/:streetId/grids/versions' }, async (ctx) => {
    ctx.body = await deps.uploads.versions(callerOf(ctx.state).userId, ctx.params.streetId ?? '');
  });

  return router;
}
