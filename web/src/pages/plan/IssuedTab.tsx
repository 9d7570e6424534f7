import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, apiUrl, call } from '../../api';
import { errorMessage } from '../../components/feedback';
import { StatusTag } from '../../components/TaskTags';
import { planPeriodText, planKey, type PlanDetail } from '../../plans';
import { useCurrentUser } from '../../session';

// ---- After issuing: the document, and each unit's 预安表.

export function IssuedTab({ plan, unitId }: { plan: PlanDetail; unitId?: number }) {
  const me = useCurrentUser();
  const id = plan.period.id;
  const wholePlan = plan.items !== null;
  const draft = useQuery({
    queryKey: [...planKey(id), 'draft'],
    queryFn: () => call(api.GET('/api/v1/plans/{id}/draft', { params: { path: { id } } })),
    enabled: wholePlan,
  });
  const involved = new Map<number, string>();
  for (const i of (draft.data?.groups ?? []).flatMap((g) => g.categories.flatMap((c) => c.items))) {
    if (i.taskId !== null) involved.set(i.leadUnitId, i.leadUnitName);
  }
  const [chosen, setChosen] = useState<number | undefined>(unitId ?? (wholePlan ? undefined : me.unit?.id));
  const sheetUnit = chosen ?? [...involved.keys()][0];
  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <a href={apiUrl('/api/v1/plans/{id}/document', { id })} download>
          <Button type="primary" icon={<FileWordOutlined />}>
            下载计划文件（Word）
          </Button>
        </a>
        {wholePlan && (
          <Select
            style={{ width: 220 }}
            placeholder="选择单位查看预安表"
            value={sheetUnit}
            onChange={setChosen}
            options={[...involved].map(([value, label]) => ({ value, label }))}
            aria-label="单位"
          />
        )}
      </Space>
      {sheetUnit ? <SheetTable planId={id} unitId={sheetUnit} /> : <Empty description="请选择单位" />}
    </>
  );
}

function SheetTable({ planId, unitId }: { planId: number; unitId: number }) {
  const sheet = useQuery({
    queryKey: [...planKey(planId), 'sheet', unitId],
    queryFn: () => call(api.GET('/api/v1/plans/{id}/units/{unitId}/sheet', { params: { path: { id: planId, unitId } } })),
  });
  if (sheet.isError) return <Alert type="error" showIcon title={errorMessage(sheet.error)} />;
  return (
    <Card
      size="small"
      title={sheet.data ? `${sheet.data.unit.name} · ${planPeriodText(sheet.data.period.period)}预安表` : '预安表'}
      extra={
        <a href={apiUrl('/api/v1/plans/{id}/units/{unitId}/sheet.xlsx', { id: planId, unitId })} download>
          <DownloadOutlined /> 下载Excel
        </a>
      }
    >
      <Table
        size="small"
        rowKey="itemId"
        loading={sheet.isPending}
        pagination={false}
        dataSource={sheet.data?.items ?? []}
        locale={{ emptyText: '本单位本期没有事项' }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 60 },
          {
            title: '工作任务',
            dataIndex: 'title',
            render: (t: string, i) => (
              <Space size={4} wrap>
                <Link to={`/tasks/${i.taskId}`}>{t}</Link>
                {i.carriedOver && <Tag color="purple">挂单</Tag>}
              </Space>
            ),
          },
          { title: '牵头/配合', dataIndex: 'role', width: 90, render: (r: string) => (r === 'lead' ? <Tag color="blue">牵头</Tag> : <Tag>配合</Tag>) },
          { title: '关键节点', key: 'milestones', render: (_, i) => i.milestones.map((m) => `${m.name}（${m.dueDate}）`).join('；') || '—' },
          { title: '完成时限', dataIndex: 'deadline', width: 110 },
          { title: '责任领导', dataIndex: 'leadLeaderName', width: 90 },
          { title: '状态', dataIndex: 'status', width: 90, render: (_, i) => <StatusTag status={i.status} /> },
        ]}
      />
      {(sheet.data?.leftOut.length ?? 0) > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title="以下挂单事项未列入本表"
          description={sheet.data!.leftOut.map((i) => (
            <div key={i.itemId}>
              <Link to={`/tasks/${i.taskId}`}>{i.title}</Link>：{i.note}
            </div>
          ))}
        />
      )}
    </Card>
  );
}
