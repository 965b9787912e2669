import { Schema, type Connection, type Model } from 'mongoose';
import type { Category, CategoryCode, EditableCategoryField } from '@jiefang/contracts';

/** A category as stored: its code is the document's id. */
export interface CategoryDocument extends Omit<Category, 'code'> {
  _id: CategoryCode;
  updatedAt: Date;
}

/** One change of a category, never updated or removed: `_id` is `code:version`, so each version once. */
export interface CategoryRevisionDocument {
  _id: string;
  code: CategoryCode;
  version: number;
  at: Date;
  byId: string;
  byName: string | null;
  changed: EditableCategoryField[];
  before: Category;
  after: Category;
}

const categorySchema = new Schema<CategoryDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    icon: { type: String, required: true },
    department: { type: String, required: true },
    departmentName: { type: String, required: true },
    priority: { type: String, required: true },
    onSiteSlaMinutes: { type: Number, required: true },
    enabled: { type: Boolean, required: true },
    version: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

const revisionSchema = new Schema<CategoryRevisionDocument>(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    version: { type: Number, required: true },
    at: { type: Date, required: true },
    byId: { type: String, required: true },
    byName: { type: String, default: null },
    changed: { type: [String], default: [] },
    before: { type: Schema.Types.Mixed, required: true },
    after: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false },
);
revisionSchema.index({ code: 1, version: -1 });

export function categoryModels(connection: Connection) {
  return {
    Category:
      (connection.models.Category as Model<CategoryDocument> | undefined) ??
      connection.model<CategoryDocument>('Category', categorySchema, 'categories'),
    CategoryRevision:
      (connection.models.CategoryRevision as Model<CategoryRevisionDocument> | undefined) ??
      connection.model<CategoryRevisionDocument>('CategoryRevision', revisionSchema, 'category_revisions'),
  };
}
