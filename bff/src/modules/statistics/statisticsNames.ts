import type { CategoryCatalogue } from '../../domain/categories';
import type { CategoryCode } from '@jiefang/contracts';
import type { District, GridFeature } from '../district/district';

const officerNamesFreshForMs = 5 * 60_000;

/** Display names for the keys figures are grouped by: district data, the catalogue, and user accounts. */
export function statisticsNames(deps: {
  district: District;
  categories: CategoryCatalogue;
  /** An account's name by its id (null when it is gone). */
  nameOf: (userId: string) => Promise<string | null>;
  now: () => number;
}) {
  const streets = new Map(deps.district.features.map(({ properties }) => [properties.id, properties]));
  const squads = new Map(
    deps.district.features.map(({ properties }) => [
      properties.squadId,
      { name: properties.squadName, streetId: properties.id },
    ]),
  );
  // Keyed by the grids array: a street publishing new grids replaces it (liveDistrictGrids).
  const gridNames = new WeakMap<GridFeature[], Map<string, string>>();
  const gridName = (id: string) => {
    let names = gridNames.get(deps.district.grids);
    if (!names) {
      names = new Map(deps.district.grids.map(({ properties }) => [properties.id, properties.name]));
      gridNames.set(deps.district.grids, names);
    }
    return names.get(id);
  };
  const officers = new Map<string, { at: number; name: Promise<string | null> }>();

  return {
    streets: () => [...streets.values()].map((street) => ({ id: street.id, name: street.name })),
    squads: () => [...squads].map(([id, squad]) => ({ id, ...squad })),
    street: (id: string) => streets.get(id)?.name ?? id,
    squad: (id: string) => squads.get(id)?.name ?? id,
    squadStreet: (id: string) => squads.get(id)?.streetId ?? null,
    grid: (id: string) => gridName(id) ?? id,
    category: (code: string) => {
      try {
        return deps.categories.get(code as CategoryCode).name;
      } catch {
        // A category retired from the catalogue still has its tickets counted.
        return code;
      }
    },
    /** Officers' names, remembered a few minutes (each is one `_id` read). */
    async officers(ids: readonly string[]): Promise<Map<string, string>> {
      const now = deps.now();
      const entries = await Promise.all(
        ids.map(async (id) => {
          let known = officers.get(id);
          if (!known || now - known.at > officerNamesFreshForMs) {
            known = { at: now, name: deps.nameOf(id).catch(() => null) };
            officers.set(id, known);
          }
          return [id, (await known.name) ?? id] as const;
        }),
      );
      return new Map(entries);
    },
  };
}

export type StatisticsNames = ReturnType<typeof statisticsNames>;
