import { z } from 'zod';
import {
  categoryCodeSchema,
  categoryIconSchema,
  categoryLimits,
  categorySchema,
  departmentSchema,
  prioritySchema,
} from './reports';

/**
 * An administrator's edit of one category: the fields to change, and the version they edited (a
 * stale edit, made over someone else's newer one, is refused with 409 rather than silently undoing it).
 */
export const updateCategoryRequestSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    name: z
      .string()
      .trim()
      .min(1, '请填写名称')
      .max(categoryLimits.nameMaxLength, `名称不超过 ${categoryLimits.nameMaxLength} 个字`)
      .optional(),
    icon: categoryIconSchema.optional(),
    department: departmentSchema.optional(),
    departmentName: z
      .string()
      .trim()
      .min(1, '请填写责任部门名称')
      .max(
        categoryLimits.departmentNameMaxLength,
        `部门名称不超过 ${categoryLimits.departmentNameMaxLength} 个字`,
      )
      .optional(),
    priority: prioritySchema.optional(),
    onSiteSlaMinutes: z
      .number()
      .int('到场时限为整数分钟')
      .min(categoryLimits.minSlaMinutes, `到场时限至少 ${categoryLimits.minSlaMinutes} 分钟`)
      .max(categoryLimits.maxSlaMinutes, `到场时限至多 ${categoryLimits.maxSlaMinutes} 分钟`)
      .optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((edit) => Object.keys(edit).some((key) => key !== 'expectedVersion'), '没有要修改的内容');
export type UpdateCategoryRequest = z.infer<typeof updateCategoryRequestSchema>;

/** The fields an edit may change, in the order the revision history shows them. */
export const editableCategoryFields = [
  'name',
  'icon',
  'department',
  'departmentName',
  'priority',
  'onSiteSlaMinutes',
  'enabled',
] as const;
export type EditableCategoryField = (typeof editableCategoryFields)[number];

/** One recorded change of a category: who, when, and the category before and after it. */
export const categoryRevisionSchema = z.object({
  code: categoryCodeSchema,
  /** The category's version the change produced. */
  version: z.number().int().positive(),
  at: z.string(),
  byId: z.string(),
  byName: z.string().nullable(),
  changed: z.array(z.enum(editableCategoryFields)),
  before: categorySchema,
  after: categorySchema,
});
export type CategoryRevision = z.infer<typeof categoryRevisionSchema>;

/** Newest first. */
export const categoryRevisionListSchema = z.object({ items: z.array(categoryRevisionSchema) });
export type CategoryRevisionList = z.infer<typeof categoryRevisionListSchema>;
