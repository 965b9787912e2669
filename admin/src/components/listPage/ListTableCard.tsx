import { Card } from 'antd';
import { ListTable, type ListTableProps } from './ListTable';

/** A list page's table in a card of its own, edge to edge (the table's notices keep their margin). */
export function ListTableCard<T extends { id: string }>(props: ListTableProps<T>) {
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <ListTable<T> {...props} />
    </Card>
  );
}
