import { z } from 'zod';
import {
  categoryCodes,
  categorySchema,
  editableCategoryFields,
  type Category,
  type CategoryCode,
  type EditableCategoryField,
  type UpdateCategoryRequest,
} from '@jiefang/contracts';
import defaultCategories from './categories.json';

/** The shipped file: what a new installation starts with (enabled, at version 1, unless it says so). */
const categoryFileSchema = z.object({
  version: z.number().int().positive(),
  categories: z
    .array(
      categorySchema.extend({
        enabled: z.boolean().default(true),
        version: z.number().int().positive().default(1),
      }),
    )
    .refine(
      (items) => categoryCodes.every((code) => items.filter((item) => item.code === code).length === 1),
      'every category code must appear exactly once',
    ),
});

export interface CategoryCatalogue {
  all(): Category[];
  get(code: CategoryCode): Category;
}

/** The categories a new installation is seeded with (see modules/categories for the stored ones). */
export function categorySeeds(source: unknown = defaultCategories): Category[] {
  return categoryFileSchema.parse(source).categories;
}

/** A fixed catalogue of these categories, every code present. */
export function catalogueOf(categories: readonly Category[]): CategoryCatalogue {
  const byCode = new Map(categories.map((category) => [category.code, category]));
  const ordered = categoryCodes.flatMap((code) => byCode.get(code) ?? []);
  return {
    all: () => ordered,
    get: (code) => {
      const category = byCode.get(code);
      if (!category) throw new Error(`unknown category ${code}`);
      return category;
    },
  };
}

/** Categories are configuration: department, priority and on-site SLA change without a code change. */
export function categoryCatalogue(source: unknown = defaultCategories): CategoryCatalogue {
  return catalogueOf(categorySeeds(source));
}

/**
 * The category an administrator's edit makes, and which fields it really changes (a field sent with
 * its current value is no change). The version moves only when something changed.
 */
export function editedCategory(
  before: Category,
  edit: Omit<UpdateCategoryRequest, 'expectedVersion'>,
): { after: Category; changed: EditableCategoryField[] } {
  const changed = editableCategoryFields.filter(
    (field) => edit[field] !== undefined && edit[field] !== before[field],
  );
  if (!changed.length) return { after: before, changed };
  const after: Category = { ...before, version: before.version + 1 };
  for (const field of changed) Object.assign(after, { [field]: edit[field] });
  return { after, changed };
}
