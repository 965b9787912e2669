import type { Redis } from 'ioredis';
import type { ReverseGeocodeResult, Wgs84Point } from '@jiefang/contracts';
import { geocodeCell } from '../../domain/geocodeCells';
import type { Logger } from '../../infra/logger';
import type { GeocoderProvider } from './geocoderProviders';

/** Addresses hardly move: a cell's answer is kept a week (providers also bill per request). */
const cachedForSeconds = 7 * 24 * 3600;

/**
 * The address at a map pin for the report form. Null when no geocoder is configured or the provider
 * failed (logged, never an error to the resident: they type the address); answers are cached per ~10 m
 * cell in Redis, an empty answer too, failures not.
 */
export function reverseGeocoder(deps: { provider: GeocoderProvider | null; redis: Redis; logger: Logger }) {
  return {
    async addressAt(point: Wgs84Point): Promise<ReverseGeocodeResult> {
      const provider = deps.provider;
      if (!provider) return { address: null };
      const key = `geocode:${provider.name}:${geocodeCell(point)}`;
      const cached = await deps.redis.get(key).catch(() => null);
      if (cached !== null) return { address: cached || null };
      let address: string | null;
      try {
        address = await provider.addressAt(point);
      } catch (error) {
        deps.logger.warn({ err: error, provider: provider.name }, 'reverse geocoding failed');
        return { address: null };
      }
      await deps.redis.set(key, address ?? '', 'EX', cachedForSeconds).catch(() => undefined);
      return { address };
    },
  };
}

export type ReverseGeocoder = ReturnType<typeof reverseGeocoder>;
