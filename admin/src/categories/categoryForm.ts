import {
  categoryIconGlyphs,
  editableCategoryFields,
  type Category,
  type CategoryIcon,
  type CategoryRevision,
  type Department,
  type EditableCategoryField,
  type Priority,
  type UpdateCategoryRequest,
} from '@jiefang/contracts';
import { t } from '../i18n';
import { departmentLabel, priorityLabel } from '../tickets/labels';

/** What the edit drawer's form holds. */
export interface CategoryFormValues {
  name: string;
  icon: CategoryIcon;
  department: Department;
  departmentName: string;
  priority: Priority;
  onSiteSlaMinutes: number;
  enabled: boolean;
}

export function formValuesOf(category: Category): CategoryFormValues {
  const { name, icon, department, departmentName, priority, onSiteSlaMinutes, enabled } = category;
  return { name, icon, department, departmentName, priority, onSiteSlaMinutes, enabled };
}

/**
 * The PATCH body for the form's values: only the fields that differ from the category as loaded (names
 * trimmed), and the version they were edited from, so an edit over someone else's newer one is refused.
 * Null when nothing changed.
 */
export function categoryEditOf(category: Category, values: CategoryFormValues): UpdateCategoryRequest | null {
  const edit: UpdateCategoryRequest = { expectedVersion: category.version };
  const trimmed = { ...values, name: values.name.trim(), departmentName: values.departmentName.trim() };
  let changed = false;
  for (const field of editableCategoryFields) {
    if (trimmed[field] !== category[field]) {
      Object.assign(edit, { [field]: trimmed[field] });
      changed = true;
    }
  }
  return changed ? edit : null;
}

export const iconGlyph = (icon: CategoryIcon): string => categoryIconGlyphs[icon];

export function fieldLabel(field: EditableCategoryField): string {
  return t(`categories.field.${field}`);
}

/** A field's value as the history shows it. */
export function fieldValueText(field: EditableCategoryField, category: Category): string {
  switch (field) {
    case 'icon':
      return iconGlyph(category.icon);
    case 'department':
      return departmentLabel(category.department);
    case 'priority':
      return priorityLabel(category.priority);
    case 'onSiteSlaMinutes':
      return t('categories.minutes', { minutes: category.onSiteSlaMinutes });
    case 'enabled':
      return t(category.enabled ? 'categories.enabled' : 'categories.disabled');
    default:
      return category[field];
  }
}

/** One revision as lines: 名称：占道经营 → 流动摊贩. */
export function revisionChanges(revision: CategoryRevision): string[] {
  return revision.changed.map((field) =>
    t('categories.change', {
      field: fieldLabel(field),
      before: fieldValueText(field, revision.before),
      after: fieldValueText(field, revision.after),
    }),
  );
}
