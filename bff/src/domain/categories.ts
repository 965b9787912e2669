import { z } from 'zod';
import { categoryCodes, categorySchema, type Category, type CategoryCode } from '@jiefang/contracts';
import defaultCategories from './categories.json';

const categoryFileSchema = z.object({
  version: z.number().int().positive(),
  categories: z
    .array(categorySchema)
    .refine(
      (items) => categoryCodes.every((code) => items.filter((item) => item.code === code).length === 1),
      'every category code must appear exactly once',
    ),
});

export interface CategoryCatalogue {
  all(): Category[];
  get(code: CategoryCode): Category;
}

/** Categories are configuration: department, priority and on-site SLA change without a code change. */
export function categoryCatalogue(source: unknown = defaultCategories): CategoryCatalogue {
  const { categories } = categoryFileSchema.parse(source);
  const byCode = new Map(categories.map((category) => [category.code, category]));
  return {
    all: () => categories,
    get: (code) => {
      const category = byCode.get(code);
      if (!category) throw new Error(`unknown category ${code}`);
      return category;
    },
  };
}
