import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/services';

/** The tile source changes with a deployment: read once per session. */
export function useMapConfig() {
  return useQuery({
    queryKey: ['map', 'config'],
    queryFn: ({ signal }) => api.mapConfig(signal),
    staleTime: Infinity,
    gcTime: Infinity,
    // Without it the map still draws the district's outlines; no need to keep asking.
    retry: 1,
  });
}
