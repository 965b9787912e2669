import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Category, type CategoryList, type UpdateCategoryRequest } from '@jiefang/contracts';
import { api } from '../app/services';

export const categoryKeys = {
  /** The residents' list, which the ticket filters use; refreshed after an edit too. */
  offered: ['categories'] as const,
  all: ['categories', 'all'] as const,
  revisions: (code: string) => ['categories', 'revisions', code] as const,
};

export function useAllCategories() {
  return useQuery({ queryKey: categoryKeys.all, queryFn: ({ signal }) => api.allCategories(signal) });
}

export function useCategoryRevisions(code: string | null) {
  return useQuery({
    queryKey: categoryKeys.revisions(code ?? ''),
    queryFn: ({ signal }) => api.categoryRevisions(code ?? '', signal),
    enabled: Boolean(code),
  });
}

export function useUpdateCategory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: UpdateCategoryRequest }) =>
      api.updateCategory(code, body),
    onSuccess: (category: Category) => {
      client.setQueryData<CategoryList>(categoryKeys.all, (list) =>
        list ? { items: list.items.map((item) => (item.code === category.code ? category : item)) } : list,
      );
      // Everything under ['categories']: the residents' list, the history.
      void client.invalidateQueries({ queryKey: categoryKeys.offered });
    },
  });
}
