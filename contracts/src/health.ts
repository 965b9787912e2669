import { z } from 'zod';

export const dependencyNames = ['mongodb', 'redis', 'mqtt'] as const;
export const dependencyNameSchema = z.enum(dependencyNames);
export type DependencyName = z.infer<typeof dependencyNameSchema>;

export const dependencyCheckSchema = z.object({
  ok: z.boolean(),
  latencyMs: z.number().nonnegative().optional(),
  error: z.string().optional(),
});
export type DependencyCheck = z.infer<typeof dependencyCheckSchema>;

export const readinessSchema = z.object({
  /** `starting`: every dependency answers, but the start-up work (rebuilding Redis from MongoDB) is not done. */
  status: z.enum(['ready', 'starting', 'unavailable']),
  checks: z.record(dependencyNameSchema, dependencyCheckSchema),
});
export type Readiness = z.infer<typeof readinessSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number(),
  version: z.string(),
});
export type Health = z.infer<typeof healthSchema>;
