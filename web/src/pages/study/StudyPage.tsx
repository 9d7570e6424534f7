import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, List, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DOT_COLOUR_LABELS, STUDY_KIND_LABELS, STUDY_KINDS, type DotColour, type StudyKind } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { usePhone } from '../../phone';
import { hasRole, useCurrentUser, useServerNow } from '../../session';

export const STUDY_KEY = ['study'];
const DOT: Record<DotColour, string> = { red: 'red', blue: 'blue', green: 'green' };
export const ColourTag = ({ colour }: { colour: DotColour }) => <Tag color={DOT[colour]}>{DOT_COLOUR_LABELS[colour]}</Tag>;
type Session = Schemas['StudySession'];
type Makeup = Schemas['StudyMakeup'];

// 学习台账: 三会一课 and theory study with attendance; absentees make up within two weeks; completion by unit and person.
export default function StudyPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? (hasRole(me, 'unit_head', 'unit_liaison') ? 'sessions' : 'mine');
  const seesCompletion = hasRole(me, 'office', 'assessment', 'leader', 'discipline', 'unit_head');
  return (
    <>
      <PageHeader title="学习台账" section="党建学习" subTitle="三会一课、理论学习及出勤；缺席的须在两周内补学，系统提醒；每周一发送出勤周报" />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'sessions', label: '学习活动', children: <Sessions /> },
          { key: 'mine', label: '我的补学', children: <MyMakeups /> },
          ...(seesCompletion ? [{ key: 'completion', label: '完成情况', children: <Completion /> }] : []),
        ]}
      />
    </>
  );
}

function Sessions() {
  const me = useCurrentUser();
  const phone = usePhone();
  const manager = hasRole(me, 'unit_head', 'unit_liaison');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const data = useQuery({
    queryKey: [...STUDY_KEY, 'sessions', page],
    queryFn: () => call(api.GET('/api/v1/study/sessions', { params: { query: { page, pageSize: 20 } } })),
  });
  const pagination = { current: page, pageSize: 20, total: data.data?.total ?? 0, onChange: setPage, showTotal: (t: number) => `共 ${t} 次` };
  return (
    <Card
      extra={
        manager && (
          <Button type="primary" onClick={() => setAdding(true)}>
            登记学习活动
          </Button>
        )
      }
      title="学习活动"
    >
      {phone ? (
        <List<Session>
          loading={data.isFetching}
          dataSource={data.data?.items ?? []}
          pagination={pagination}
          renderItem={(s) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/study/${s.id}`}>{s.title}</Link>}
                description={
                  <Space wrap size={4}>
                    {s.day}
                    <Tag>{STUDY_KIND_LABELS[s.kind]}</Tag>
                    <ColourTag colour={s.colour} />
                    {s.status === 'held' ? `实到 ${s.attended}/${s.attended + s.absent}` : '待登记出勤'}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Session>
          rowKey="id"
          size="small"
          loading={data.isFetching}
          dataSource={data.data?.items ?? []}
          pagination={pagination}
          columns={[
            { title: '日期', dataIndex: 'day', width: 110 },
            { title: '单位', dataIndex: 'unitName' },
            { title: '类型', render: (_, s) => STUDY_KIND_LABELS[s.kind] },
            { title: '活动', render: (_, s) => <Link to={`/study/${s.id}`}>{s.title}</Link> },
            { title: '出勤', render: (_, s) => (s.status === 'held' ? `${s.attended}/${s.attended + s.absent}` : '待登记') },
            { title: '待补学', dataIndex: 'openMakeups' },
            { title: '状态', render: (_, s) => <ColourTag colour={s.colour} /> },
          ]}
        />
      )}
      {adding && <NewSession onClose={() => setAdding(false)} />}
    </Card>
  );
}

function NewSession({ onClose }: { onClose: () => void }) {
  const me = useCurrentUser();
  const now = useServerNow();
  const queryClient = useQueryClient();
  return (
    <FormModal<{ kind: StudyKind; title: string; day: dayjs.Dayjs; place: string; topic: string }>
      title="登记学习活动"
      okText="登记"
      initialValues={{ kind: 'theory_study', day: now }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(
          api.POST('/api/v1/study/sessions', {
            body: { unitId: me.unit!.id, kind: v.kind, title: v.title, day: v.day.format('YYYY-MM-DD'), place: v.place ?? '', topic: v.topic ?? '' },
          }),
        );
        await queryClient.invalidateQueries({ queryKey: STUDY_KEY });
      }}
    >
      <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
        <Select options={STUDY_KINDS.map((k) => ({ value: k, label: STUDY_KIND_LABELS[k] }))} />
      </Form.Item>
      <Form.Item name="title" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.Item name="place" label="地点">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="topic" label="学习内容">
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

function MyMakeups() {
  const [doing, setDoing] = useState<Makeup | null>(null);
  const data = useQuery({ queryKey: [...STUDY_KEY, 'mine'], queryFn: () => call(api.GET('/api/v1/study/makeups/mine')) });
  return (
    <Card title="我的补学">
      <List<Makeup>
        loading={data.isFetching}
        dataSource={data.data?.items ?? []}
        locale={{ emptyText: '没有需要补学的活动' }}
        renderItem={(m) => (
          <List.Item
            actions={
              m.madeUpOn
                ? [
                    <Tag key="d" color="green">
                      {m.madeUpOn} 已补学
                    </Tag>,
                  ]
                : [
                    <Button key="b" type="primary" size="small" onClick={() => setDoing(m)}>
                      登记补学
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={m.sessionTitle}
              description={
                <Space wrap size={4}>
                  {m.sessionDay} {STUDY_KIND_LABELS[m.sessionKind]}
                  {!m.madeUpOn && <Tag color={m.overdue ? 'red' : 'blue'}>{m.overdue ? `已逾期（${m.makeupDue}）` : `${m.makeupDue} 前补学`}</Tag>}
                  {m.madeUpOn && m.makeupNote}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {doing && <MakeupModal item={doing} onClose={() => setDoing(null)} />}
    </Card>
  );
}

export function MakeupModal({ item, onClose }: { item: { id: number; sessionTitle: string }; onClose: () => void }) {
  const now = useServerNow();
  const queryClient = useQueryClient();
  return (
    <FormModal<{ day: dayjs.Dayjs; note: string }>
      title={`补学：${item.sessionTitle}`}
      okText="登记补学"
      initialValues={{ day: now }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(api.POST('/api/v1/study/makeups/{id}', { params: { path: { id: item.id } }, body: { day: v.day.format('YYYY-MM-DD'), note: v.note } }));
        await queryClient.invalidateQueries({ queryKey: STUDY_KEY });
      }}
    >
      <Form.Item name="day" label="补学日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(now, 'day')} />
      </Form.Item>
      <Form.Item name="note" label="补学内容" rules={[{ required: true, whitespace: true, message: '请填写补学内容' }]}>
        <Input.TextArea rows={3} maxLength={500} placeholder="学了什么、如何补学（如观看录像、自学材料并撰写心得）" />
      </Form.Item>
    </FormModal>
  );
}

function Completion() {
  const me = useCurrentUser();
  const now = useServerNow();
  const [year, setYear] = useState(now.year());
  const [unitId, setUnitId] = useState<number | null>(hasRole(me, 'unit_head') ? (me.unit?.id ?? null) : null);
  const data = useQuery({
    queryKey: [...STUDY_KEY, 'completion', year, unitId],
    queryFn: () => call(api.GET('/api/v1/study/completion', { params: { query: { year, unitId: unitId ?? undefined } } })),
  });
  const rate = (r: number | null) => (r === null ? '—' : `${r}%`);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label="年度" value={year} onChange={setYear} options={[now.year(), now.year() - 1].map((y) => ({ value: y, label: `${y}年` }))} />
        <UnitTreeSelect value={unitId} onChange={setUnitId} placeholder="选择单位看每个人" style={{ width: 260 }} />
      </Space>
      {unitId !== null && (
        <>
          <Typography.Title level={5}>个人完成情况</Typography.Title>
          <Table
            rowKey="personId"
            size="small"
            pagination={false}
            dataSource={data.data?.people ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '本年度尚无出勤记录' }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '应到', dataIndex: 'total' },
              { title: '出席', dataIndex: 'present' },
              { title: '已补学', dataIndex: 'madeUp' },
              { title: '待补学', dataIndex: 'open', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
              { title: '完成率', render: (_, p) => rate(p.rate) },
            ]}
          />
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        各单位完成情况
      </Typography.Title>
      <Table
        rowKey="unitId"
        size="small"
        loading={data.isFetching}
        dataSource={data.data?.units ?? []}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个单位` }}
        scroll={{ x: 'max-content' }}
        onRow={(u) => ({ onClick: () => setUnitId(u.unitId), style: { cursor: 'pointer' } })}
        columns={[
          { title: '单位', dataIndex: 'unitName' },
          { title: '已开展', dataIndex: 'held' },
          { title: '计划中', dataIndex: 'planned' },
          { title: '应到人次', dataIndex: 'total' },
          { title: '出席', dataIndex: 'present' },
          { title: '已补学', dataIndex: 'madeUp' },
          { title: '待补学', dataIndex: 'open' },
          { title: '完成率', render: (_, u) => rate(u.rate) },
        ]}
      />
    </Card>
  );
}
