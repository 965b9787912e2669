import Router from '@koa/router';
import type { DistrictMap, StreetList } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { streetSummaries, type District } from './district';

export function districtRoutes(district: District): Router<AppState> {
  const router = new Router<AppState>();
  const streets: StreetList = { items: streetSummaries(district) };
  router.get('/api/streets', (ctx) => {
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
  router.get('/api/district', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = map;
  });
  return router;
}
