import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Progress, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { FRONTLINE_ROLE_LABELS, CADRE_GRADE_LABELS } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { usePhone } from '../../phone';
import { useServerNow } from '../../session';
import { GradeTag, quarterLabel, weekLabel } from './records';

type WorkLog = Schemas['WorkLog'];
type PersonRecord = Schemas['PersonRecord'];

// 我的记实: the cadre's weekly log and frontline days (phone first); the same page read-only for a head or an office
// opening someone's record (/records/people/:id).
export default function MyRecordsPage() {
  const { id } = useParams();
  const personId = id ? Number(id) : null;
  const record = useQuery({
    queryKey: ['records', 'person', personId ?? 'mine'],
    queryFn: () => (personId ? call(api.GET('/api/v1/records/people/{id}', { params: { path: { id: personId } } })) : call(api.GET('/api/v1/records/mine'))),
  });
  const r = record.data;
  return (
    <>
      <PageHeader
        title={personId ? `${r?.person.name ?? ''}的记实` : '我的记实'}
        section="干部记实"
        subTitle={r ? `${r.person.unitName ?? '县领导'} ${r.person.title}` : undefined}
      />
      {r && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <ThisWeek record={r} />
          <Frontline record={r} />
          <PastLogs record={r} />
          <Grades record={r} />
          <Typography.Text type="secondary">记实只作记录：周记实篇数、一线工作日天数不计入任何评分。</Typography.Text>
        </Space>
      )}
    </>
  );
}

function ThisWeek({ record }: { record: PersonRecord }) {
  const log = record.workLogs.find((l) => l.week === record.currentWeek);
  const [editing, setEditing] = useState(false);
  if (!record.own) return null;
  return (
    <Card title={`本周记实 · ${weekLabel(record.currentWeek)}`} className="records-this-week">
      {log && !editing ? (
        <>
          <LogText log={log} />
          <Button style={{ marginTop: 12 }} onClick={() => setEditing(true)}>
            修改本周记实
          </Button>
        </>
      ) : (
        <LogForm week={record.currentWeek} log={log} onDone={() => setEditing(false)} />
      )}
    </Card>
  );
}

function LogText({ log }: { log: WorkLog }) {
  return (
    <Descriptions column={1} size="small" layout="vertical" colon={false}>
      <Descriptions.Item label="本周完成">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{log.done}</Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label="下周计划">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{log.planned}</Typography.Paragraph>
      </Descriptions.Item>
    </Descriptions>
  );
}

function LogForm({ week, log, onDone }: { week: string; log?: WorkLog; onDone: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Form
      layout="vertical"
      initialValues={{ done: log?.done ?? '', planned: log?.planned ?? '' }}
      onFinish={async (v: { done: string; planned: string }) => {
        setSaving(true);
        setError(null);
        try {
          await call(api.PUT('/api/v1/records/work-logs', { body: { week, done: v.done, planned: v.planned, version: log?.version ?? 0 } }));
          void message.success('周记实已保存');
          await queryClient.invalidateQueries({ queryKey: ['records'] });
          onDone();
        } catch (e) {
          setError((e as Error).message);
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      <Form.Item name="done" label="本周完成的工作" rules={[{ required: true, whitespace: true, message: '请填写本周完成的工作' }]}>
        <Input.TextArea rows={4} maxLength={2000} placeholder="逐条写明做了什么、结果如何" />
      </Form.Item>
      <Form.Item name="planned" label="下周计划" rules={[{ required: true, whitespace: true, message: '请填写下周计划' }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} block>
        保存周记实
      </Button>
    </Form>
  );
}

function Frontline({ record }: { record: PersonRecord }) {
  const [logging, setLogging] = useState(false);
  const queryClient = useQueryClient();
  const now = useServerNow();
  const phone = usePhone();
  const { pace, role, days } = record.frontline;
  if (!record.own && !record.mayLogFrontline && !days.length && !pace) return null;
  // 代为登记: the unit's head or liaison, or an office, logs a day for someone without an account of their own.
  const proxy = !record.own && record.mayLogFrontline;
  return (
    <Card
      title={`一线工作日 · ${record.year}年`}
      extra={
        record.mayLogFrontline && (
          <Button type="primary" onClick={() => setLogging(true)}>
            {proxy ? '代为登记' : '登记一线工作日'}
          </Button>
        )
      }
    >
      {pace && role ? (
        <div className="records-pace">
          <Space wrap size={[24, 8]}>
            <Progress type="circle" size={phone ? 72 : 88} percent={Math.round((pace.done / pace.target) * 100)} format={() => `${pace.done}天`} />
            <div>
              <div>
                {FRONTLINE_ROLE_LABELS[role]}年度目标 <b>{pace.target}</b> 天
              </div>
              <div>
                截至 {pace.day} 按进度应有 <b>{pace.expected}</b> 天，已登记 <b>{pace.done}</b> 天
              </div>
              {pace.behind ? <Tag color="red">落后进度 {pace.short} 天</Tag> : <Tag color="green">进度正常</Tag>}
            </div>
          </Space>
        </div>
      ) : (
        <Typography.Text type="secondary">本人没有年度一线工作日目标，登记的一线工作日作为记实留存。</Typography.Text>
      )}
      <List
        style={{ marginTop: 12 }}
        size="small"
        locale={{ emptyText: '还没有登记' }}
        dataSource={days}
        renderItem={(d) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  <span>{d.day}</span>
                  <span>{d.place}</span>
                </Space>
              }
              description={`${d.purpose}（登记人：${d.loggedByName}）`}
            />
          </List.Item>
        )}
      />
      {logging && (
        <FormModal<{ day: dayjs.Dayjs; place: string; purpose: string }>
          title={proxy ? `代为登记一线工作日：${record.person.name}` : '登记一线工作日'}
          okText="登记"
          initialValues={{ day: now.startOf('day') }}
          onClose={() => setLogging(false)}
          onSubmit={async (v) => {
            const body = { day: v.day.format('YYYY-MM-DD'), place: v.place, purpose: v.purpose };
            await call(api.POST('/api/v1/records/frontline-days', { body: proxy ? { ...body, personId: record.person.id } : body }));
            await queryClient.invalidateQueries({ queryKey: ['records'] });
          }}
        >
          <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker
              style={{ width: '100%' }}
              inputReadOnly={phone}
              disabledDate={(d) => d.isAfter(now, 'day') || d.isBefore(now.subtract(30, 'day'), 'day')}
            />
          </Form.Item>
          <Form.Item name="place" label="地点" rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
            <Input maxLength={200} placeholder="如：城关街道幸福村" />
          </Form.Item>
          <Form.Item name="purpose" label="事由" rules={[{ required: true, whitespace: true, message: '请填写事由' }]}>
            <Input.TextArea rows={3} maxLength={500} placeholder="如：现场协调项目用地问题" />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}

function PastLogs({ record }: { record: PersonRecord }) {
  const [editing, setEditing] = useState<WorkLog | null>(null);
  const past = record.own ? record.workLogs.filter((l) => l.week !== record.currentWeek) : record.workLogs;
  return (
    <Card title="周记实">
      {past.length ? (
        <List
          dataSource={past}
          renderItem={(l) => (
            <List.Item
              extra={
                l.editable ? (
                  <Button size="small" onClick={() => setEditing(l)}>
                    补充修改
                  </Button>
                ) : (
                  <Tag>已锁定</Tag>
                )
              }
            >
              <List.Item.Meta title={weekLabel(l.week)} description={<LogText log={l} />} />
            </List.Item>
          )}
        />
      ) : (
        <Empty description="还没有周记实" />
      )}
      {editing && (
        <Card size="small" title={`修改 ${weekLabel(editing.week)}（${editing.lockDay} 后锁定）`} style={{ marginTop: 12 }}>
          <LogForm week={editing.week} log={editing} onDone={() => setEditing(null)} />
        </Card>
      )}
    </Card>
  );
}

function Grades({ record }: { record: PersonRecord }) {
  return (
    <Card title="平时考核（月考核、季审定）">
      {record.assessments.length || record.confirmations.length ? (
        <Descriptions column={1} size="small" bordered>
          {record.confirmations.map((c) => (
            <Descriptions.Item key={c.quarter} label={`${quarterLabel(c.quarter)}审定`}>
              <GradeTag grade={c.grade} /> {c.reason}
            </Descriptions.Item>
          ))}
          {record.assessments.map((a) => (
            <Descriptions.Item key={a.month} label={`${Number(a.month.slice(5))}月考核`}>
              <GradeTag grade={a.grade} /> {a.comment}（{a.assessedByName}）
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Empty description="本年度还没有考核" />
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        等次：{Object.values(CADRE_GRADE_LABELS).join('、')}。月度由单位负责人提出建议，季度由考核委员会审定。
      </Typography.Text>
    </Card>
  );
}
