import { CheckOutlined, CloseOutlined, FileWordOutlined, FormOutlined, MinusCircleOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Result,
  Row,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
  type StepsProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, apiUrl, isApiError, call } from '../api';
import { errorMessage } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { AdjustTag, InterviewStatusTag } from '../components/InterviewTags';
import { PageHeader } from '../components/PageHeader';
import { StatusTag } from '../components/TaskTags';
import { INTERVIEWS_KEY, interviewKey, type InterviewDetail } from '../interviews';
import { INTERVIEW_LEVEL_LABELS, type TaskStatus } from '../labels';
import { TASKS_KEY, useServerToday } from '../tasks';
import { formatTime } from '../time';

export default function InterviewPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const interview = useQuery({
    queryKey: interviewKey(id),
    queryFn: () => call(api.GET('/api/v1/interviews/{id}', { params: { path: { id } } })),
    enabled: valid,
  });

  if (!valid || isApiError(interview.error, 404)) {
    return (
      <Result
        status="404"
        title="约谈不存在"
        subTitle="该约谈不存在，或不在您的查看范围内。"
        extra={
          <Link to="/interviews">
            <Button type="primary">返回约谈管理</Button>
          </Link>
        }
      />
    );
  }
  if (interview.isError)
    return (
      <Result
        status="error"
        title="无法加载约谈"
        subTitle={errorMessage(interview.error)}
        extra={<Button onClick={() => void interview.refetch()}>重试</Button>}
      />
    );
  if (!interview.data) return <Spin size="large" className="page-spin" />;
  const i = interview.data;
  const admonishment = i.level === 'admonishment';

  return (
    <>
      <PageHeader
        title={admonishment ? `诫勉谈话：${i.unitName}${i.intervieweeName}` : `约谈${i.unitName}主要负责人${i.intervieweeName}`}
        crumb="约谈详情"
        section="督查督办"
        parents={[{ title: '约谈管理', to: '/interviews' }]}
        tags={
          <Space size={6}>
            <InterviewStatusTag status={i.status} />
            <Tag color={i.level === 'admonishment' ? 'red' : i.level === 'main_leader' ? 'volcano' : 'geekblue'} style={{ marginInlineEnd: 0 }}>
              {INTERVIEW_LEVEL_LABELS[i.level]}
            </Tag>
            {i.flagged && <AdjustTag />}
          </Space>
        }
        subTitle={`约谈编号 #${i.id} · ${i.proposedByName} 于 ${formatTime(i.proposedAt).slice(0, 16)} 提出`}
        extra={<InterviewActions interview={i} />}
      />

      {i.flagged && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`${i.intervieweeName}同志一年之内两次被约谈，按规定建议对其岗位进行调整。`} />
      )}

      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Steps size="small" items={progress(i)} />
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title="约谈情况" variant="borderless" style={{ marginBottom: 16 }}>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              styles={{ label: { width: 110 } }}
              items={[
                { key: 'unit', label: '约谈单位', children: i.unitName },
                { key: 'person', label: '被约谈人', children: `${i.intervieweeName}（主要负责人）` },
                { key: 'level', label: '约谈级别', children: INTERVIEW_LEVEL_LABELS[i.level] },
                { key: 'status', label: '状态', children: <InterviewStatusTag status={i.status} /> },
                { key: 'reason', label: '约谈事由', span: 2, children: <div className="multiline">{i.reason}</div> },
                { key: 'proposer', label: '提出人', children: i.proposedByName },
                { key: 'proposedAt', label: '提出时间', children: formatTime(i.proposedAt).slice(0, 16) },
                { key: 'decider', label: '审批人', children: i.decidedByName ?? '—' },
                { key: 'decidedAt', label: '审批时间', children: i.decidedAt ? formatTime(i.decidedAt).slice(0, 16) : '—' },
                ...(i.decisionNote
                  ? [
                      {
                        key: 'note',
                        label: i.status === 'rejected' ? '不予批准理由' : '审批意见',
                        span: 2,
                        children: <div className="multiline">{i.decisionNote}</div>,
                      },
                    ]
                  : []),
                { key: 'heldOn', label: admonishment ? '谈话日期' : '约谈日期', children: i.heldOn ?? '—' },
                { key: 'interviewer', label: admonishment ? '谈话人' : '约谈人', children: i.interviewer || '—' },
                ...(admonishment ? [{ key: 'attendees', label: '参加人员', span: 2, children: i.attendees || '—' }] : []),
                {
                  key: 'findings',
                  label: admonishment ? '谈话结果' : '约谈情况',
                  span: 2,
                  children: i.findings ? <div className="multiline">{i.findings}</div> : '—',
                },
              ]}
            />
          </Card>
          {admonishment && i.noticePublishedAt && (
            <Card
              title="通报"
              variant="borderless"
              style={{ marginBottom: 16 }}
              extra={
                <a href={apiUrl('/api/v1/interviews/{id}/notice/docx', { id: i.id })} download>
                  <FileWordOutlined /> 下载Word
                </a>
              }
            >
              <Typography.Paragraph type="secondary">发布于 {formatTime(i.noticePublishedAt).slice(0, 16)}</Typography.Paragraph>
              <div className="multiline">{i.noticeText}</div>
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Card title={`相关事项（${i.tasks.length}）`} variant="borderless" style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={i.tasks}
              locale={{ emptyText: '未列明事项' }}
              columns={[
                { title: '事项', dataIndex: 'title', render: (title: string, t) => <Link to={`/tasks/${t.id}`}>{title}</Link> },
                { title: '完成时限', dataIndex: 'deadline', width: 100 },
                { title: '状态', dataIndex: 'status', width: 90, render: (s: TaskStatus) => <StatusTag status={s} /> },
              ]}
            />
          </Card>
          <Card title={`整改承诺（${i.commitments.length}）`} variant="borderless" style={{ marginBottom: 16 }}>
            {i.commitments.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={i.status === 'held' ? '没有承诺' : '登记约谈后，每项承诺作为督办事项交办给该单位'} />
            ) : (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={i.commitments}
                columns={[
                  { title: '承诺内容', dataIndex: 'content', render: (c: string, x) => (x.taskId ? <Link to={`/tasks/${x.taskId}`}>{c}</Link> : c) },
                  { title: '完成时限', dataIndex: 'dueDate', width: 100 },
                  { title: '事项状态', dataIndex: 'taskStatus', width: 90, render: (s: TaskStatus | null) => (s ? <StatusTag status={s} /> : '—') },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function progress(i: InterviewDetail): StepsProps['items'] {
  if (i.level === 'admonishment') {
    return [
      { title: '签发诫勉谈话通知书', status: 'finish', content: formatTime(i.proposedAt).slice(0, 10) },
      {
        title: '纪委监委谈话',
        status: i.status === 'held' ? 'finish' : 'process',
        content: i.heldOn ? `${i.heldOn} · ${i.interviewer}` : '由县纪委监委谈话并登记',
      },
      {
        title: '发布通报',
        status: i.noticePublishedAt ? 'finish' : i.status === 'held' ? 'process' : 'wait',
        content: i.noticePublishedAt ? formatTime(i.noticePublishedAt).slice(0, 10) : '',
      },
    ];
  }
  const decided = i.status !== 'proposed';
  return [
    { title: '提出建议', status: 'finish', content: `${i.proposedByName} · ${formatTime(i.proposedAt).slice(0, 10)}` },
    {
      title: i.status === 'rejected' ? '不予批准' : '县领导审批',
      status: !decided ? 'process' : i.status === 'rejected' ? 'error' : 'finish',
      content: decided ? `${i.decidedByName ?? ''} · ${i.decidedAt ? formatTime(i.decidedAt).slice(0, 10) : ''}` : '待分管县领导审批',
    },
    {
      title: '登记约谈',
      status: i.status === 'held' ? 'finish' : i.status === 'approved' ? 'process' : 'wait',
      content: i.heldOn ? `${i.heldOn} · ${i.interviewer}` : i.status === 'approved' ? '约谈后由督查室登记' : '',
    },
    {
      title: '承诺交办',
      status: i.status === 'held' ? 'finish' : 'wait',
      content: i.status === 'held' ? `${i.commitments.length} 项承诺已交办` : '',
    },
  ];
}

function InterviewActions({ interview: i }: { interview: InterviewDetail }) {
  const [dialog, setDialog] = useState<'approve' | 'reject' | 'record' | 'talk' | 'notice' | null>(null);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  async function done(detail: InterviewDetail, text: string) {
    queryClient.setQueryData(interviewKey(i.id), detail);
    void message.success(text);
    await Promise.all([queryClient.invalidateQueries({ queryKey: INTERVIEWS_KEY }), queryClient.invalidateQueries({ queryKey: TASKS_KEY })]);
  }

  if (i.actions.length === 0) return null;
  return (
    <>
      <Space wrap>
        {i.actions.includes('approve') && (
          <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('approve')}>
            批准
          </Button>
        )}
        {i.actions.includes('reject') && (
          <Button danger icon={<CloseOutlined />} onClick={() => setDialog('reject')}>
            不予批准
          </Button>
        )}
        {i.actions.includes('record') && (
          <Button type="primary" icon={<FormOutlined />} onClick={() => setDialog('record')}>
            登记约谈
          </Button>
        )}
        {i.actions.includes('record_talk') && (
          <Button type="primary" icon={<FormOutlined />} onClick={() => setDialog('talk')}>
            登记谈话情况
          </Button>
        )}
        {i.actions.includes('publish_notice') && (
          <Button type="primary" icon={<NotificationOutlined />} onClick={() => setDialog('notice')}>
            发布通报
          </Button>
        )}
      </Space>
      {dialog === 'talk' && <TalkModal interview={i} onClose={() => setDialog(null)} onDone={(d) => done(d, '已登记诫勉谈话情况')} />}
      {dialog === 'notice' && (
        <NoticeModal
          interview={i}
          onClose={() => setDialog(null)}
          onDone={async () => {
            await queryClient.invalidateQueries({ queryKey: interviewKey(i.id) });
            void message.success('通报已发布，督查室和承办单位已收到');
          }}
        />
      )}
      {(dialog === 'approve' || dialog === 'reject') && (
        <FormModal<{ note?: string }>
          title={dialog === 'approve' ? '批准约谈建议' : '不予批准约谈建议'}
          okText={dialog === 'approve' ? '批准' : '不予批准'}
          danger={dialog === 'reject'}
          width={520}
          onClose={() => setDialog(null)}
          onSubmit={async ({ note }) => {
            const decision = { params: { path: { id: i.id } }, body: { note: note?.trim() ?? '' } };
            const pending = dialog === 'approve' ? api.POST('/api/v1/interviews/{id}/approve', decision) : api.POST('/api/v1/interviews/{id}/reject', decision);
            done(await call(pending), dialog === 'approve' ? '已批准约谈建议' : '已不予批准');
          }}
        >
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${i.unitName}主要负责人${i.intervieweeName} · ${INTERVIEW_LEVEL_LABELS[i.level]}`}
            description={i.reason}
          />
          <Form.Item
            name="note"
            label={dialog === 'approve' ? '审批意见' : '不予批准的理由'}
            rules={dialog === 'reject' ? [{ required: true, whitespace: true, message: '请填写不予批准的理由' }] : []}
          >
            <Input.TextArea
              rows={3}
              maxLength={1000}
              showCount
              placeholder={dialog === 'approve' ? '选填，如：同意，请组织部尽快安排' : '如：该单位已制定整改方案，暂缓约谈'}
            />
          </Form.Item>
        </FormModal>
      )}
      {dialog === 'record' && <RecordModal interview={i} onClose={() => setDialog(null)} onDone={(d) => done(d, '已登记约谈，承诺已作为督办事项交办')} />}
    </>
  );
}

interface RecordFields {
  heldOn: Dayjs;
  interviewer: string;
  findings: string;
  commitments: { content?: string; dueDate?: Dayjs }[];
}

function RecordModal({ interview: i, onClose, onDone }: { interview: InterviewDetail; onClose: () => void; onDone: (d: InterviewDetail) => Promise<void> }) {
  const today = useServerToday();
  const approvedOn = i.decidedAt ? formatTime(i.decidedAt).slice(0, 10) : today;
  return (
    <FormModal<RecordFields>
      title={`登记约谈：${i.unitName} ${i.intervieweeName}`}
      okText="登记并交办承诺"
      width={720}
      onClose={onClose}
      initialValues={{ heldOn: dayjs(today), commitments: [{}] }}
      onSubmit={async (v) =>
        onDone(
          await call(
            api.POST('/api/v1/interviews/{id}/record', {
              params: { path: { id: i.id } },
              body: {
                heldOn: v.heldOn.format('YYYY-MM-DD'),
                interviewer: v.interviewer.trim(),
                findings: v.findings.trim(),
                commitments: v.commitments.map((c) => ({ content: c.content!.trim(), dueDate: c.dueDate!.format('YYYY-MM-DD') })),
              },
            }),
          ),
        )
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="每项整改承诺将作为“约谈承诺”事项交办给该单位，按督办事项跟踪到销号。" />
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="heldOn" label="约谈日期" rules={[{ required: true, message: '请选择约谈日期' }]} extra={`不早于批准日期 ${approvedOn}，不晚于今天`}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today || d.format('YYYY-MM-DD') < approvedOn} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="interviewer" label="约谈人" rules={[{ required: true, whitespace: true, message: '请填写约谈人' }]}>
            <Input maxLength={100} placeholder={i.level === 'main_leader' ? '如：县委书记 王某某' : '如：县委组织部部长 李某某'} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="findings" label="约谈情况" rules={[{ required: true, whitespace: true, message: '请填写约谈情况' }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder="约谈指出的问题、被约谈人的表态等" />
      </Form.Item>
      <Typography.Text strong>整改承诺</Typography.Text>
      <Form.List
        name="commitments"
        rules={[
          {
            validator: async (_, value: unknown[] | undefined) => {
              if (!value || value.length === 0) throw new Error('请至少填写一项整改承诺');
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <div className="form-list">
            {fields.map((field, index) => (
              <Row key={field.key} gutter={8} align="top">
                <Col flex="28px" className="form-list-index">
                  {index + 1}.
                </Col>
                <Col flex="auto">
                  <Form.Item name={[field.name, 'content']} rules={[{ required: true, whitespace: true, message: '请填写承诺内容' }]}>
                    <Input maxLength={200} placeholder="承诺内容，如：3 月底前完成 2 号小区外墙保温施工" />
                  </Form.Item>
                </Col>
                <Col flex="170px">
                  <Form.Item name={[field.name, 'dueDate']} rules={[{ required: true, message: '请选择完成时限' }]}>
                    <DatePicker placeholder="完成时限" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col flex="32px">
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label="删除承诺" disabled={fields.length === 1} onClick={() => remove(field.name)} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 20}>
              添加承诺
            </Button>
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
    </FormModal>
  );
}

interface TalkFields {
  heldOn: Dayjs;
  interviewer: string;
  attendees: string;
  outcome: string;
}

// 诫勉谈话: the discipline commission records the talk it held.
function TalkModal({ interview: i, onClose, onDone }: { interview: InterviewDetail; onClose: () => void; onDone: (d: InterviewDetail) => Promise<void> }) {
  const today = useServerToday();
  const openedOn = formatTime(i.decidedAt ?? i.proposedAt).slice(0, 10);
  return (
    <FormModal<TalkFields>
      title={`登记诫勉谈话：${i.unitName} ${i.intervieweeName}`}
      okText="登记"
      width={640}
      onClose={onClose}
      initialValues={{ heldOn: dayjs(today) }}
      onSubmit={async (v) =>
        onDone(
          await call(
            api.POST('/api/v1/interviews/{id}/talk', {
              params: { path: { id: i.id } },
              body: { heldOn: v.heldOn.format('YYYY-MM-DD'), interviewer: v.interviewer.trim(), attendees: v.attendees.trim(), outcome: v.outcome.trim() },
            }),
          ),
        )
      }
    >
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="heldOn" label="谈话日期" rules={[{ required: true, message: '请选择谈话日期' }]} extra={`不早于通知书签发日期 ${openedOn}`}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today || d.format('YYYY-MM-DD') < openedOn} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="interviewer" label="谈话人" rules={[{ required: true, whitespace: true, message: '请填写谈话人' }]}>
            <Input maxLength={100} placeholder="如：县纪委副书记 刘某某" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="attendees" label="参加人员" rules={[{ required: true, whitespace: true, message: '请填写参加人员' }]}>
        <Input maxLength={500} placeholder="如：刘某某、城关街道主任张某某、督查室王某某" />
      </Form.Item>
      <Form.Item name="outcome" label="谈话结果" rules={[{ required: true, whitespace: true, message: '请填写谈话结果' }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder="指出的问题、本人的认识和表态、整改要求等" />
      </Form.Item>
    </FormModal>
  );
}

// The notice (通报) as drafted from the talk; the commission may amend it before publishing.
function NoticeModal({ interview: i, onClose, onDone }: { interview: InterviewDetail; onClose: () => void; onDone: () => Promise<void> }) {
  const draft = useQuery({
    queryKey: [...interviewKey(i.id), 'notice'],
    queryFn: () => call(api.GET('/api/v1/interviews/{id}/notice', { params: { path: { id: i.id } } })),
  });
  if (!draft.data) return null;
  return (
    <FormModal<{ text: string }>
      title={draft.data.title}
      okText="发布通报"
      width={720}
      onClose={onClose}
      initialValues={{ text: draft.data.text }}
      onSubmit={async ({ text }) => {
        await call(api.POST('/api/v1/interviews/{id}/notice', { params: { path: { id: i.id } }, body: { text: text.trim() } }));
        await onDone();
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="发布后，督查室和承办单位将收到通报，相关事项的动态中也会记入通报。" />
      <Form.Item name="text" label="通报正文" rules={[{ required: true, whitespace: true, message: '请填写通报正文' }]}>
        <Input.TextArea rows={10} maxLength={10000} showCount />
      </Form.Item>
    </FormModal>
  );
}
