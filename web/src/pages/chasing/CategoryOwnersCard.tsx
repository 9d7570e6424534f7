import { useQueryClient } from '@tanstack/react-query';
import { App, Card, Table, Typography } from 'antd';
import { api, call } from '../../api';
import { useShowError } from '../../components/feedback';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { useCategories } from '../../tasks';

// 归口单位 (seed 002): which office owns each category's items. Its sheets go out in its name, and its head and liaison
// see the items; a category with none stays with the supervision office.
export function CategoryOwnersCard() {
  const categories = useCategories();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();

  async function setOwner(id: number, ownerUnitId: number | null) {
    try {
      const saved = await call(api.PUT('/api/v1/task-categories/{id}/owner', { params: { path: { id } }, body: { ownerUnitId } }));
      void message.success(`“${saved.name}”归口${saved.ownerUnitName ?? '督查室'}`);
      await queryClient.invalidateQueries({ queryKey: ['task-categories'] });
    } catch (err) {
      showError(err);
    }
  }

  return (
    <Card title="类别归口单位" variant="borderless" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        各类事项的督办单以归口单位名义签发，归口单位可在台账和督办看板查看本类事项。未设置的类别由督查室归口。
      </Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        loading={categories.isPending}
        dataSource={categories.data}
        pagination={false}
        columns={[
          { title: '类别', dataIndex: 'name', width: 160 },
          {
            title: '归口单位',
            key: 'owner',
            render: (_, c) => (
              <UnitTreeSelect placeholder="督查室" style={{ width: 280 }} value={c.ownerUnitId} onChange={(v) => void setOwner(c.id, v ?? null)} />
            ),
          },
        ]}
      />
    </Card>
  );
}
