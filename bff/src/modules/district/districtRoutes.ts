import type Router from '@koa/router';
import type { DistrictMap, StreetList } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import type { RouteRegistry } from '../../http/routeRegistry';
import { streetSummaries, type District } from './district';

export function districtRoutes(api: RouteRegistry, district: District): Router<AppState> {
  const { router, route } = api.router();
  const streets: StreetList = { items: streetSummaries(district) };
  route({ method: 'GET', path: '/api/streets' }, (ctx) => {
    ctx.body = streets;
  });

  const map: DistrictMap = {
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
  route({ method: 'GET', path: '/api/district' }, (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = map;
  });
  return router;
}
