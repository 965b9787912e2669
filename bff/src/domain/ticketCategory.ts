import type { CategoryCode } from '@jiefang/contracts';
import type { CategoryCatalogue } from './categories';

/** What a ticket recorded of its category when it was reported (absent on tickets from before). */
export interface CategoryAsReported {
  category: CategoryCode;
  categoryName?: string;
  departmentName?: string;
  onSiteSlaMinutes?: number;
}

/**
 * A ticket keeps the category it was reported under: an administrator renaming a category or changing
 * its SLA later does not rewrite its name, department or on-site promise. Tickets stored before the
 * ticket kept them fall back to the category as it is now.
 */
export function categoryOfTicket(ticket: CategoryAsReported, categories: CategoryCatalogue) {
  const current = categories.get(ticket.category);
  return {
    name: ticket.categoryName ?? current.name,
    departmentName: ticket.departmentName ?? current.departmentName,
    onSiteSlaMinutes: ticket.onSiteSlaMinutes ?? current.onSiteSlaMinutes,
  };
}
