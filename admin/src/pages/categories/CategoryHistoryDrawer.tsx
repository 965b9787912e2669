import { type Category } from '@jiefang/contracts';
import { Alert, Drawer, Empty, Grid, Skeleton, Timeline, Typography } from 'antd';
import { describeError } from '../../api/errors';
import { revisionChanges } from '../../categories/categoryForm';
import { useCategoryRevisions } from '../../categories/queries';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

/** A category's recorded changes, newest first: who, when, and each field before and after. */
export function CategoryHistoryDrawer({
  category,
  onClose,
}: {
  category: Category | null;
  onClose: () => void;
}) {
  const screens = Grid.useBreakpoint();
  const query = useCategoryRevisions(category?.code ?? null);
  const revisions = query.data?.items ?? [];

  let body;
  if (query.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (query.isError)
    body = (
      <Alert
        type="error"
        showIcon
        message={t('categories.revisionsFailed', { message: describeError(query.error) })}
      />
    );
  else if (!revisions.length) body = <Empty description={t('categories.noRevisions')} />;
  else
    body = (
      <Timeline
        data-testid="category-revisions"
        items={revisions.map((revision) => ({
          key: revision.version,
          children: (
            <div data-testid={`category-revision-${revision.version}`}>
              <Typography.Text type="secondary">
                {t('categories.revisionBy', {
                  name: revision.byName ?? t('categories.unknownEditor'),
                  time: formatDateTime(revision.at),
                  version: revision.version,
                })}
              </Typography.Text>
              {revisionChanges(revision).map((line) => (
                <div key={line}>{line}</div>
              ))}
            </div>
          ),
        }))}
      />
    );

  return (
    <Drawer
      open={Boolean(category)}
      onClose={onClose}
      width={screens.md === false ? '100%' : 440}
      title={category ? t('categories.historyTitle', { name: category.name }) : ''}
    >
      {category && body}
    </Drawer>
  );
}
