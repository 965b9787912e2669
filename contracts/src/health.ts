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
  status: z.enum(['ready', 'unavailable']),
  checks: z.record(dependencyNameSchema, dependencyCheckSchema),
});
export type Readiness = z.infer<typeof readinessSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number(),
  version: z.string(),
});
export type Health = z.infer<typeof healthSchema>;
