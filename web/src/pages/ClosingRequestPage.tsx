import { CheckOutlined, CloseOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Progress, Result, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, isApiError, call } from '../api';
import { AttachmentUpload, uploadedIds, type AttachmentFile } from '../components/AttachmentUpload';
import { errorMessage } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { TaskFiles } from '../components/TaskFiles';
import { StatusTag } from '../components/TaskTags';
import { CLOSING_KEY, CLOSING_STATUS, decisionColor, decisionText, type ClosingDetail } from '../closing';
import type { ReviewDecision } from '../labels';
import { TASKS_KEY, taskKey, useServerToday } from '../tasks';
import { formatTime } from '../time';

const requestKey = (id: number) => [...CLOSING_KEY, 'detail', id];

// 销号审批表: what the unit achieved against the standard, its evidence, each office's opinion and the site checks.
export default function ClosingRequestPage() {
  const id = Number(useParams().id);
  const request = useQuery({
    queryKey: requestKey(id),
    queryFn: () => call(api.GET('/api/v1/closing-requests/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
  const [deciding, setDeciding] = useState<ReviewDecision | null>(null);
  const [checking, setChecking] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  if (!Number.isInteger(id) || id <= 0 || isApiError(request.error, 404)) {
    return (
      <Result
        status="404"
        title="销号申请不存在"
        subTitle="该销号申请不存在，或不在您的查看范围内。"
        extra={
          <Link to="/closing-requests">
            <Button type="primary">返回销号审核</Button>
          </Link>
        }
      />
    );
  }
  if (request.isError)
    return (
      <Result
        status="error"
        title="无法加载销号申请"
        subTitle={errorMessage(request.error)}
        extra={<Button onClick={() => void request.refetch()}>重试</Button>}
      />
    );
  if (!request.data) return <Spin size="large" className="page-spin" />;
  const r = request.data;

  async function changed(detail: ClosingDetail, text: string) {
    queryClient.setQueryData(requestKey(id), detail);
    void message.success(text);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: CLOSING_KEY, predicate: (q) => q.queryKey[1] !== 'detail' }),
      queryClient.invalidateQueries({ queryKey: taskKey(r.taskId) }),
      queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
    ]);
  }

  return (
    <>
      <PageHeader
        title={r.taskTitle}
        crumb="销号审批表"
        section="督查督办"
        parents={[{ title: '销号审核', to: '/closing-requests' }]}
        tags={
          <Space size={6}>
            <Tag color={CLOSING_STATUS[r.status].color} style={{ marginInlineEnd: 0 }}>
              {CLOSING_STATUS[r.status].label}
            </Tag>
            {r.late && (
              <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                逾期申请
              </Tag>
            )}
          </Space>
        }
        subTitle={`${r.leadUnitName} · ${r.filedByName} 于 ${formatTime(r.filedAt).slice(0, 16)} 申请销号`}
        extra={
          <Space wrap>
            {r.canSiteCheck && (
              <Button icon={<EnvironmentOutlined />} onClick={() => setChecking(true)}>
                实地核查
              </Button>
            )}
            {r.canReview && (
              <>
                <Button danger icon={<CloseOutlined />} onClick={() => setDeciding('reject')}>
                  不同意
                </Button>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setDeciding('approve')}>
                  同意
                </Button>
              </>
            )}
          </Space>
        }
      />
      {r.canReview && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`请对照工作标准核验完成情况和佐证材料，必要时先实地核查；${r.ownerUnit ? `三个联审部门和归口单位（${r.ownerUnit.name}）` : '三个联审部门'}全部同意即销号，任一不同意即退回整改。`}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="事项摘要" variant="borderless" style={{ marginBottom: 16 }}>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              styles={{ label: { width: 110 } }}
              items={[
                { key: 'task', label: '事项', span: 2, children: <Link to={`/tasks/${r.taskId}`}>{r.task.title}</Link> },
                { key: 'unit', label: '承办单位', children: r.leadUnitName },
                { key: 'status', label: '事项状态', children: <StatusTag status={r.task.status} /> },
                { key: 'start', label: '开始日期', children: r.task.startDate },
                { key: 'deadline', label: '完成时限', children: r.task.deadline },
                {
                  key: 'finished',
                  label: '申报完成日期',
                  children: (
                    <Space size={6}>
                      {r.finishedOn}
                      {r.late && <Tag color="orange">逾期申请</Tag>}
                    </Space>
                  ),
                },
                { key: 'percent', label: '完成进度', children: <Progress percent={r.task.percent} size="small" style={{ maxWidth: 200 }} /> },
                {
                  key: 'standard',
                  label: '工作标准',
                  span: 2,
                  children: r.task.standard ? <div className="multiline">{r.task.standard}</div> : <Typography.Text type="secondary">未填写</Typography.Text>,
                },
              ]}
            />
          </Card>
          <Card title="完成情况" variant="borderless" style={{ marginBottom: 16 }}>
            <div className="multiline">{r.summary}</div>
            {r.indicatorResults.length > 0 && (
              <Table
                style={{ marginTop: 16 }}
                size="small"
                rowKey="indicatorId"
                pagination={false}
                dataSource={r.indicatorResults}
                columns={[
                  { title: '量化指标', dataIndex: 'name' },
                  { title: '目标值', key: 'target', width: 140, render: (_, i) => (i.target === null ? '—' : `${i.target} ${i.unitOfMeasure}`) },
                  { title: '实际完成', key: 'actual', width: 140, render: (_, i) => `${i.actual} ${i.unitOfMeasure}` },
                  {
                    title: '完成率',
                    key: 'rate',
                    width: 180,
                    render: (_, i) =>
                      i.target === null || i.target === 0 ? (
                        '—'
                      ) : (
                        <Progress percent={Math.round((i.actual / i.target) * 100)} size="small" status={i.actual >= i.target ? 'success' : 'exception'} />
                      ),
                  },
                ]}
              />
            )}
          </Card>
          <Card title={`佐证材料（${r.attachments.length}）`} variant="borderless" style={{ marginBottom: 16 }}>
            <TaskFiles taskId={r.taskId} files={r.attachments} empty={r.task.evidenceRequired ? '未提供佐证材料（该事项要求提供）' : '未提供佐证材料'} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="联审意见" variant="borderless" style={{ marginBottom: 16 }}>
            {r.offices.map((o) => (
              <ReviewerItem key={`office-${o.id}`} name={o.name} decision={o.decision} review={r.reviews.find((v) => v.officeId === o.id)} />
            ))}
            {r.ownerUnit && (
              <ReviewerItem
                name={r.ownerUnit.name}
                note="归口单位"
                decision={r.ownerUnit.decision}
                review={r.reviews.find((v) => v.unitId === r.ownerUnit!.id)}
              />
            )}
          </Card>
          <Card title={`实地核查（${r.siteChecks.length}）`} variant="borderless" style={{ marginBottom: 16 }}>
            {r.siteChecks.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={r.canSiteCheck ? '需要时可点击右上角“实地核查”登记' : '未进行实地核查'} />
            ) : (
              r.siteChecks.map((s) => (
                <div key={s.id} className="report-item">
                  <div className="report-head">
                    <Space size="middle" wrap>
                      <Typography.Text strong>{s.checkedOn}</Typography.Text>
                      <span>{s.checkedByName}</span>
                    </Space>
                  </div>
                  <div className="multiline">{s.notes}</div>
                  {s.attachments.length > 0 && <TaskFiles taskId={r.taskId} files={s.attachments} />}
                </div>
              ))
            )}
          </Card>
        </Col>
      </Row>
      {deciding && (
        <ReviewModal
          request={r}
          decision={deciding}
          onClose={() => setDeciding(null)}
          onDone={(d) => changed(d, d.status === 'pending' ? '已提交审核意见' : d.status === 'approved' ? '联审全部同意，事项已销号' : '已退回整改')}
        />
      )}
      {checking && <SiteCheckModal request={r} onClose={() => setChecking(false)} onDone={(d) => changed(d, '实地核查已登记')} />}
    </>
  );
}

// One reviewer's opinion: a review office, or the owning office (归口单位) of the task's category.
function ReviewerItem({
  name,
  note,
  decision,
  review,
}: {
  name: string;
  note?: string;
  decision: ReviewDecision | null;
  review: ClosingDetail['reviews'][number] | undefined;
}) {
  return (
    <div className={`review-item review-${decision ?? 'pending'}`} data-office={name}>
      <div className="sheet-head">
        <span>
          <Typography.Text strong>{name}</Typography.Text>
          {note && (
            <Tag color="purple" style={{ marginInlineStart: 6 }}>
              {note}
            </Tag>
          )}
        </span>
        <Tag color={decisionColor(decision)} style={{ marginInlineEnd: 0 }}>
          {decision ? `${decisionText(decision)}销号` : '待审核'}
        </Tag>
      </div>
      {review && (
        <div className="sheet-times">
          <div>
            {review.reviewerName} · {formatTime(review.at).slice(0, 16)}
          </div>
          {review.comment && <div className="multiline review-comment">{review.comment}</div>}
        </div>
      )}
    </div>
  );
}

function ReviewModal({
  request,
  decision,
  onClose,
  onDone,
}: {
  request: ClosingDetail;
  decision: ReviewDecision;
  onClose: () => void;
  onDone: (d: ClosingDetail) => Promise<void>;
}) {
  const approve = decision === 'approve';
  return (
    <FormModal<{ comment?: string }>
      title={`${approve ? '同意' : '不同意'}销号：${request.taskTitle}`}
      okText={approve ? '同意销号' : '不同意销号'}
      danger={!approve}
      onClose={onClose}
      onSubmit={async ({ comment }) =>
        onDone(
          await call(
            api.POST('/api/v1/closing-requests/{id}/reviews', { params: { path: { id: request.id } }, body: { decision, comment: comment?.trim() ?? '' } }),
          ),
        )
      }
    >
      {!approve && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="任一联审部门或归口单位不同意，事项即退回牵头单位整改，整改后重新申请销号。" />
      )}
      <Form.Item
        name="comment"
        label={approve ? '审核意见（选填）' : '不同意的理由及整改要求'}
        rules={approve ? [] : [{ required: true, whitespace: true, message: '请填写不同意的理由' }]}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          placeholder={approve ? '如：经核查，完成情况属实' : '如：佐证材料缺少竣工验收报告，请补充后重新申请'}
        />
      </Form.Item>
    </FormModal>
  );
}

function SiteCheckModal({ request, onClose, onDone }: { request: ClosingDetail; onClose: () => void; onDone: (d: ClosingDetail) => Promise<void> }) {
  const today = useServerToday();
  const filedOn = dayjs(request.filedAt).tz('Asia/Shanghai').format('YYYY-MM-DD');
  const [files, setFiles] = useState<AttachmentFile[]>([]);
  return (
    <FormModal<{ checkedOn: Dayjs; notes: string }>
      title={`实地核查：${request.taskTitle}`}
      okText="登记核查情况"
      width={640}
      initialValues={{ checkedOn: dayjs(today) }}
      onClose={onClose}
      onSubmit={async ({ checkedOn, notes }) =>
        onDone(
          await call(
            api.POST('/api/v1/closing-requests/{id}/site-checks', {
              params: { path: { id: request.id } },
              body: {
                checkedOn: checkedOn.format('YYYY-MM-DD'),
                notes: notes.trim(),
                attachmentIds: uploadedIds(files),
              },
            }),
          ),
        )
      }
    >
      <Form.Item name="checkedOn" label="核查日期" rules={[{ required: true, message: '请选择核查日期' }]}>
        <DatePicker style={{ width: 200 }} disabledDate={(d) => d.format('YYYY-MM-DD') > today || d.format('YYYY-MM-DD') < filedOn} />
      </Form.Item>
      <Form.Item name="notes" label="核查情况" rules={[{ required: true, whitespace: true, message: '请填写核查情况' }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder="如：现场查看 32 盏路灯均正常亮灯，与佐证材料一致" />
      </Form.Item>
      <Form.Item label="现场照片">
        <AttachmentUpload taskId={request.taskId} files={files} onChange={setFiles} label="上传现场照片" />
      </Form.Item>
    </FormModal>
  );
}
