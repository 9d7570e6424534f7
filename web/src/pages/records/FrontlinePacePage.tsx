import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { FRONTLINE_ROLE_LABELS, FRONTLINE_ROLES, type FrontlineRole } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { hasRole, useCurrentUser, useServerNow } from '../../session';

const fetchPace = (query: { day: string; role?: FrontlineRole; behindOnly?: 'true' | 'false' }) =>
  call(api.GET('/api/v1/records/frontline/pace', { params: { query } }));
type Row = Awaited<ReturnType<typeof fetchPace>>['items'][number];

// 一线工作进度: who is behind pace on a date. The rule is stated on the page as the server computes it.
export default function FrontlinePacePage() {
  const me = useCurrentUser();
  const now = useServerNow();
  const [day, setDay] = useState(now.format('YYYY-MM-DD'));
  const [role, setRole] = useState<FrontlineRole | undefined>(undefined);
  const [behindOnly, setBehindOnly] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [logFor, setLogFor] = useState<Row | null>(null);
  const data = useQuery({
    queryKey: ['records', 'pace', day, role, behindOnly],
    queryFn: () => fetchPace({ day, ...(role ? { role } : {}), behindOnly: behindOnly ? 'true' : 'false' }),
  });
  const settings = useQuery({ queryKey: ['records', 'settings'], queryFn: () => call(api.GET('/api/v1/records/settings')) });
  const items = data.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="一线工作进度"
        section="干部记实"
        subTitle="县领导全年不少于 60 天、部门主要负责人 80 天以上、乡镇（街道）党（工）委书记 100 天以上（目标由考核办设置）"
        extra={hasRole(me, 'assessment') && settings.data && <Button onClick={() => setSettingsOpen(true)}>目标设置</Button>}
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker allowClear={false} value={dayjs(day)} onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))} />
          <Select<FrontlineRole | undefined>
            style={{ width: 240 }}
            allowClear
            placeholder="全部人员类别"
            value={role}
            onChange={setRole}
            options={FRONTLINE_ROLES.map((r) => ({ value: r, label: FRONTLINE_ROLE_LABELS[r] }))}
          />
          <Space>
            <Switch checked={behindOnly} onChange={setBehindOnly} />
            只看落后
          </Space>
          <Tag color="red">落后 {items.filter((r) => r.behind).length} 人</Tag>
        </Space>
        <Table<Row>
          rowKey={(r) => r.person.id}
          size="small"
          loading={data.isFetching}
          dataSource={items}
          pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 人` }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: '姓名',
              fixed: 'left',
              // Listed only to be logged for (a liaison for the head): the record itself is not the reader's to open.
              render: (_, r) => (r.mayRead ? <Link to={`/records/people/${r.person.id}`}>{r.person.name}</Link> : r.person.name),
            },
            { title: '职务', render: (_, r) => (r.person.unitName ? `${r.person.unitName} ${r.person.title}` : r.person.title) },
            { title: '类别', render: (_, r) => FRONTLINE_ROLE_LABELS[r.role] },
            { title: '年度目标', align: 'right', render: (_, r) => `${r.target} 天` },
            { title: '按进度应有', align: 'right', render: (_, r) => `${r.expected} 天` },
            { title: '已登记', align: 'right', render: (_, r) => `${r.done} 天` },
            { title: '进度', render: (_, r) => (r.behind ? <Tag color="red">落后 {r.short} 天</Tag> : <Tag color="green">正常</Tag>) },
            {
              title: '操作',
              render: (_, r) =>
                r.mayLog ? (
                  <Button size="small" data-testid={`log-for-${r.person.id}`} onClick={() => setLogFor(r)}>
                    代为登记
                  </Button>
                ) : null,
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          进度按自然日计算：按进度应有 = 年度目标 × 当年 1 月 1 日至所选日期的天数（含当日）÷
          全年天数，向下取整；已登记少于应有即为落后。一线工作日只作记实，不计入任何评分。
        </Typography.Paragraph>
      </Card>
      {settingsOpen && settings.data && <SettingsModal settings={settings.data} onClose={() => setSettingsOpen(false)} />}
      {logFor && <LogForModal row={logFor} onClose={() => setLogFor(null)} />}
    </>
  );
}

// 代为登记: a frontline day of someone without an account, logged by their unit's head or liaison or by an office.
function LogForModal({ row, onClose }: { row: Row; onClose: () => void }) {
  const queryClient = useQueryClient();
  const now = useServerNow();
  return (
    <FormModal<{ day: dayjs.Dayjs; place: string; purpose: string }>
      title={`代为登记一线工作日：${row.person.name}`}
      okText="登记"
      initialValues={{ day: now.startOf('day') }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(
          api.POST('/api/v1/records/frontline-days', {
            body: { personId: row.person.id, day: v.day.format('YYYY-MM-DD'), place: v.place, purpose: v.purpose },
          }),
        );
        await queryClient.invalidateQueries({ queryKey: ['records'] });
      }}
    >
      <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(now, 'day') || d.isBefore(now.subtract(30, 'day'), 'day')} />
      </Form.Item>
      <Form.Item name="place" label="地点" rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
        <Input maxLength={200} placeholder="如：城关街道幸福村" />
      </Form.Item>
      <Form.Item name="purpose" label="事由" rules={[{ required: true, whitespace: true, message: '请填写事由' }]}>
        <Input.TextArea rows={3} maxLength={500} placeholder="如：现场协调项目用地问题" />
      </Form.Item>
    </FormModal>
  );
}

function SettingsModal({ settings, onClose }: { settings: Schemas['RecordsSettings']; onClose: () => void }) {
  const queryClient = useQueryClient();
  return (
    <FormModal<Omit<Schemas['RecordsSettings'], 'version'>>
      title="一线工作日目标和周记实宽限"
      initialValues={settings}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(api.PUT('/api/v1/records/settings', { body: { ...v, version: settings.version } }));
        await queryClient.invalidateQueries({ queryKey: ['records'] });
      }}
    >
      <Form.Item name="countyLeaderDays" label="县领导（天/年）" rules={[{ required: true }]}>
        <InputNumber min={1} max={366} precision={0} />
      </Form.Item>
      <Form.Item name="departmentHeadDays" label="县直部门主要负责人（天/年）" rules={[{ required: true }]}>
        <InputNumber min={1} max={366} precision={0} />
      </Form.Item>
      <Form.Item name="townSecretaryDays" label="乡镇（街道）党（工）委书记（天/年）" rules={[{ required: true }]}>
        <InputNumber min={1} max={366} precision={0} />
      </Form.Item>
      <Form.Item name="logGraceDays" label="周记实补填宽限（周日后天数）" rules={[{ required: true }]}>
        <InputNumber min={0} max={14} precision={0} />
      </Form.Item>
    </FormModal>
  );
}
