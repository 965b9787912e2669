import distance from '@turf/distance';
import type { Wgs84Point } from '@jiefang/contracts';

export type TravelMode = 'walk' | 'ebike' | 'car';

export interface OfficerCandidate {
  officerId: string;
  squadId: string;
  onDuty: boolean;
  location: (Wgs84Point & { at: Date }) | null;
  travelMode: TravelMode;
  activeTickets: number;
  capacity: number;
}

export interface RankedOfficer {
  officerId: string;
  squadId: string;
  distanceMeters: number;
  etaSeconds: number;
  score: number;
}

/** The search widens ring by ring (DESIGN.md: staff within 200 m are found first). */
export const searchRingsMeters = [200, 500, 1000, 3000] as const;

export const dispatchPolicy = {
  locationFreshForMs: 5 * 60_000,
  /** Each ticket already in hand counts as this many seconds of extra travel. */
  workloadPenaltySeconds: 180,
  /** Street travel is longer than the straight line. */
  detourFactor: 1.3,
  metersPerSecond: { walk: 1.3, ebike: 4.5, car: 6 } satisfies Record<TravelMode, number>,
} as const;

export interface RankingResult {
  /** The smallest ring that held an eligible officer, or null when none is within the widest ring. */
  ringMeters: number | null;
  ranked: RankedOfficer[];
}

/**
 * Ranks the officers who could go to the site: on duty, with a fresh location and spare capacity,
 * not excluded (e.g. they already refused this ticket). Inside the smallest ring that has anyone,
 * the one who can arrive soonest, with a penalty per ticket already held, comes first.
 */
export function rankOfficers(
  candidates: readonly OfficerCandidate[],
  site: Wgs84Point,
  now: Date,
  excluded: ReadonlySet<string> = new Set(),
): RankingResult {
  const eligible = candidates.flatMap((candidate) => {
    if (!candidate.onDuty || !candidate.location || excluded.has(candidate.officerId)) return [];
    if (candidate.activeTickets >= candidate.capacity) return [];
    if (now.getTime() - candidate.location.at.getTime() > dispatchPolicy.locationFreshForMs) return [];
    const distanceMeters = distance([candidate.location.lng, candidate.location.lat], [site.lng, site.lat], {
      units: 'meters',
    });
    const etaSeconds =
      (distanceMeters * dispatchPolicy.detourFactor) / dispatchPolicy.metersPerSecond[candidate.travelMode];
    const score = etaSeconds + candidate.activeTickets * dispatchPolicy.workloadPenaltySeconds;
    return [
      { officerId: candidate.officerId, squadId: candidate.squadId, distanceMeters, etaSeconds, score },
    ];
  });

  for (const ring of searchRingsMeters) {
    const inRing = eligible.filter((officer) => officer.distanceMeters <= ring);
    if (inRing.length) {
      inRing.sort((a, b) => a.score - b.score || a.officerId.localeCompare(b.officerId));
      return { ringMeters: ring, ranked: inRing };
    }
  }
  return { ringMeters: null, ranked: [] };
}
