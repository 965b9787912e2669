import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type GridPublishRequest } from '@jiefang/contracts';
import { api } from '../app/services';

export const districtGridKeys = {
  /** The map's outlines (useDistrict): read again after a publication. */
  district: ['district'] as const,
  versions: (streetId: string) => ['district', 'grid-versions', streetId] as const,
};

export function useGridVersions(streetId: string | null) {
  return useQuery({
    queryKey: districtGridKeys.versions(streetId ?? ''),
    queryFn: ({ signal }) => api.gridVersions(streetId ?? '', signal),
    enabled: Boolean(streetId),
  });
}

export function usePreviewGrids() {
  return useMutation({
    mutationFn: ({ streetId, geojson }: { streetId: string; geojson: string }) =>
      api.previewGrids(streetId, { geojson }),
  });
}

export function usePublishGrids() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ streetId, body }: { streetId: string; body: GridPublishRequest }) =>
      api.publishGrids(streetId, body),
    // Everything under ['district']: the map's outlines and the version history.
    onSuccess: () => void client.invalidateQueries({ queryKey: districtGridKeys.district }),
  });
}
