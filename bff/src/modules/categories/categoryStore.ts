import type { Connection } from 'mongoose';
import type { Category, CategoryRevision, UpdateCategoryRequest } from '@jiefang/contracts';
import { categoryCodeSchema } from '@jiefang/contracts';
import { editedCategory } from '../../domain/categories';
import { conflict, notFound } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import { categoryModels, type CategoryDocument, type CategoryRevisionDocument } from './categoryModel';

const categoryOf = ({ _id, updatedAt: _updatedAt, ...fields }: CategoryDocument): Category => ({
  code: _id,
  name: fields.name,
  icon: fields.icon,
  department: fields.department,
  departmentName: fields.departmentName,
  priority: fields.priority,
  onSiteSlaMinutes: fields.onSiteSlaMinutes,
  enabled: fields.enabled,
  version: fields.version,
});

const revisionOf = (revision: CategoryRevisionDocument): CategoryRevision => ({
  code: revision.code,
  version: revision.version,
  at: revision.at.toISOString(),
  byId: revision.byId,
  byName: revision.byName,
  changed: revision.changed,
  before: revision.before,
  after: revision.after,
});

const staleEdit = (current: Category) =>
  conflict('该分类已被他人修改，请刷新后再改', { currentVersion: current.version, current });

/** How many revisions one request shows (a category is edited a few times a year). */
const revisionPageSize = 200;

/** The categories in MongoDB, and their append-only revision history. */
export function categoryStore(connection: Connection, clock: Clock) {
  const { Category: Categories, CategoryRevision: Revisions } = categoryModels(connection);

  const find = async (code: string): Promise<Category> => {
    const parsed = categoryCodeSchema.safeParse(code);
    const stored = parsed.success ? await Categories.findById(parsed.data).lean() : null;
    if (!stored) throw notFound('没有这个事项分类');
    return categoryOf(stored);
  };

  return {
    /**
     * Stores each shipped category that is not stored yet and leaves stored ones alone, so it is safe on
     * every start and when two BFFs start together: an upsert on the code (the unique `_id`) inserts
     * at most once, and a racing twin's duplicate-key error means the other one inserted it.
     */
    async seed(seeds: readonly Category[]): Promise<void> {
      const now = clock.now();
      await Categories.bulkWrite(
        seeds.map(({ code, ...fields }) => ({
          updateOne: {
            filter: { _id: code },
            update: { $setOnInsert: { ...fields, updatedAt: now } },
            upsert: true,
          },
        })),
        { ordered: false },
      ).catch((error: { code?: number; writeErrors?: Array<{ code?: number }> }) => {
        const duplicates = error.writeErrors?.length
          ? error.writeErrors.every((writeError) => writeError.code === 11000)
          : error.code === 11000;
        if (!duplicates) throw error;
      });
    },

    async list(): Promise<Category[]> {
      return (await Categories.find().lean()).map(categoryOf);
    },

    get: find,

    /**
     * Applies an administrator's edit if they edited the current version (else 409, with the current
     * category). The category is written first, on the condition that its version has not moved, then
     * its revision; were the process to die in between, that one revision would be missing, never a
     * revision of a change that did not happen.
     */
    async update(
      code: string,
      edit: UpdateCategoryRequest,
      by: { id: string; name: string | null },
    ): Promise<Category> {
      const before = await find(code);
      if (before.version !== edit.expectedVersion) throw staleEdit(before);
      const { expectedVersion: _expected, ...fields } = edit;
      const { after, changed } = editedCategory(before, fields);
      if (!changed.length) return before;
      const now = clock.now();
      const { code: _code, ...stored } = after;
      const written = await Categories.findOneAndUpdate(
        { _id: before.code, version: before.version },
        { $set: { ...stored, updatedAt: now } },
        { new: true },
      ).lean();
      if (!written) throw staleEdit(await find(code));
      await Revisions.create({
        _id: `${after.code}:${after.version}`,
        code: after.code,
        version: after.version,
        at: now,
        byId: by.id,
        byName: by.name,
        changed,
        before,
        after,
      });
      return categoryOf(written);
    },

    /** Newest first. */
    async revisions(code: string): Promise<CategoryRevision[]> {
      const category = await find(code);
      const revisions = await Revisions.find({ code: category.code })
        .sort({ version: -1 })
        .limit(revisionPageSize)
        .lean();
      return revisions.map(revisionOf);
    },
  };
}

export type CategoryStore = ReturnType<typeof categoryStore>;
