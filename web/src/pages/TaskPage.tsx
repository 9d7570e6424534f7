import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Result, Row, Space, Spin, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { api, isApiError, call } from '../api';
import { errorMessage } from '../components/feedback';
import { PageHeader } from '../components/PageHeader';
import { CarryOverCard, CarryOverTag } from '../components/CarryOver';
import { DueDatesCard } from '../components/TaskChasing';
import { ColourTag, StatusTag } from '../components/TaskTags';
import { SOURCE_LABELS, STATUS_LABELS } from '../labels';
import { useServerToday, taskHistoryKey, useTask } from '../tasks';
import { Summary, ThreeDefinitions } from './task/TaskFacts';
import { MilestoneCard, ReportsCard, ChildrenCard } from './task/ProgressCards';
import { ClosingCard } from './task/ClosingCard';
import { PartsCard } from './task/PartsCard';
import { SheetsCard, HistoryCard } from './task/RecordCards';
import { TaskDeductionsCard } from '../components/Deductions';
import { TaskActions } from './task/TaskActions';

export default function TaskPage() {
  const id = Number(useParams().id);
  const task = useTask(id);
  const history = useQuery({
    queryKey: taskHistoryKey(id),
    queryFn: () => call(api.GET('/api/v1/tasks/{id}/history', { params: { path: { id } } })).then((r) => r.items),
    enabled: Number.isInteger(id) && id > 0,
  });
  const today = useServerToday();

  if (!Number.isInteger(id) || id <= 0 || isApiError(task.error, 404)) {
    return (
      <Result
        status="404"
        title="事项不存在"
        subTitle="该事项不存在，或不在您的查看范围内。"
        extra={
          <Link to="/tasks">
            <Button type="primary">返回工作台账</Button>
          </Link>
        }
      />
    );
  }
  if (task.isError)
    return <Result status="error" title="无法加载事项" subTitle={errorMessage(task.error)} extra={<Button onClick={() => void task.refetch()}>重试</Button>} />;
  if (!task.data) return <Spin size="large" className="page-spin" />;
  const t = task.data;
  const events = history.data ?? [];

  return (
    <>
      <PageHeader
        title={t.title}
        crumb="事项详情"
        section="督查督办"
        parents={[{ title: '工作台账', to: '/tasks' }]}
        tags={
          <Space size={6}>
            <ColourTag colour={t.colour} />
            <StatusTag status={t.status} />
            {t.level === 'major' && <Tag color="red">重大</Tag>}
            {t.closedLate && <Tag color="orange">逾期销号</Tag>}
            <CarryOverTag taskId={t.id} />
          </Space>
        }
        subTitle={
          <>
            事项编号 #{t.id} · {SOURCE_LABELS[t.source]}
            {t.categoryName ? ` · ${t.categoryName}` : ''} · 所属月份 {t.period.replace('-', '年')}月
            {t.parentId !== null && (
              <>
                {' · '}
                <Link to={`/tasks/${t.parentId}`}>查看上级事项</Link>
              </>
            )}
          </>
        }
        extra={<TaskActions task={t} />}
      />

      {t.status === 'suspended' && t.suspendedFrom && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`事项已暂缓（暂缓前为“${STATUS_LABELS[t.suspendedFrom]}”），暂缓期间不亮灯、不催办。`}
        />
      )}

      <Summary task={t} today={today} />

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <ThreeDefinitions task={t} />
          <PartsCard task={t} />
          <MilestoneCard task={t} today={today} />
          <ReportsCard task={t} events={events} />
          <ChildrenCard task={t} today={today} />
        </Col>
        <Col xs={24} xl={8}>
          <ClosingCard task={t} />
          <CarryOverCard task={t} />
          <DueDatesCard task={t} />
          <SheetsCard task={t} />
          <TaskDeductionsCard taskId={t.id} />
          <HistoryCard events={events} loading={history.isPending} />
        </Col>
      </Row>
    </>
  );
}
