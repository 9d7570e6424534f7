import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { api, ApiError, isApiError, call } from '../api';
import { RULES_KEY, SETTINGS_KEY, type ChasingSettings, type TimeLimitRule } from '../chasing';
import { ErrorAlert, isStringList, useShowError } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { CategoryOwnersCard } from './chasing/CategoryOwnersCard';
import { DAY_KIND_LABELS, LEVEL_LABELS, RULE_TARGET_LABELS, SOURCE_LABELS, TASK_SOURCES, type DayKind, type TaskLevel, type TaskSource } from '../labels';
import { formatTime } from '../time';

const levelOptions = (Object.keys(LEVEL_LABELS) as TaskLevel[]).map((l) => ({ value: l, label: LEVEL_LABELS[l] }));
const sourceOptions = TASK_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }));

// The five figures of 13710, as the seed (卫辉) states them.
const RULE_13710: { figure: string; text: string }[] = [
  { figure: '1', text: '当天研究部署' },
  { figure: '3', text: '3 天内反馈办理情况' },
  { figure: '7', text: '一般问题 7 天内落实解决' },
  { figure: '1', text: '重大问题 1 个月内解决或拿出时间节点和方案' },
  { figure: '0', text: '所有事项跟踪到底，销号清零' },
];

export default function ChasingSettingsPage() {
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: () => call(api.GET('/api/v1/time-limit-rules')).then((r) => r.items) });
  const [editing, setEditing] = useState<TimeLimitRule | null>(null);

  const columns: TableColumnsType<TimeLimitRule> = [
    { title: '规则名称', dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: '针对', dataIndex: 'target', width: 100, render: (t: TimeLimitRule['target']) => RULE_TARGET_LABELS[t] },
    { title: '天数', dataIndex: 'days', width: 80, align: 'right', render: (d: number) => <span className="figure">{d}</span> },
    {
      title: '计日方式',
      dataIndex: 'dayKind',
      width: 96,
      render: (k: DayKind) => <Tag color={k === 'working' ? 'blue' : 'default'}>{DAY_KIND_LABELS[k]}</Tag>,
    },
    {
      title: '适用等级 / 来源',
      key: 'applies',
      render: (_, r) => (
        <div className="rule-applies">
          <div>
            <Typography.Text type="secondary">等级：</Typography.Text>
            {r.levels.length
              ? r.levels.map((l) => (
                  <Tag key={l} color={l === 'major' ? 'red' : undefined}>
                    {LEVEL_LABELS[l as TaskLevel]}
                  </Tag>
                ))
              : '全部等级'}
          </div>
          <div>
            <Typography.Text type="secondary">来源：</Typography.Text>
            {r.sources.length ? r.sources.map((s) => <Tag key={s}>{SOURCE_LABELS[s as TaskSource] ?? s}</Tag>) : '全部来源'}
          </div>
        </div>
      ),
    },
    {
      title: '启用',
      dataIndex: 'active',
      width: 80,
      render: (active: boolean) => (active ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, r) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
          编辑
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="督办设置" section="督查督办" subTitle="13710 时限规则、催办提前工作日、移交问责宽限期和逾期扣分" />
      <Row gutter={16}>
        <Col xs={24} xxl={16}>
          <Card title="时限规则" variant="borderless" style={{ marginBottom: 16 }}>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="时限从交办单下发之日起计算；工作日按工作日历扣除节假日、计入调休上班日。修改后，下次扫描起按新规则签发督办单。"
            />
            <Table<TimeLimitRule>
              rowKey="id"
              size="middle"
              loading={rules.isPending}
              dataSource={rules.data}
              columns={columns}
              pagination={false}
              scroll={{ x: 820 }}
            />
          </Card>
          <CategoryOwnersCard />
        </Col>
        <Col xs={24} xxl={8}>
          {/* Side by side under the rules on a narrower screen, one above the other beside them on a wide one. */}
          <Row gutter={16}>
            <Col xs={24} lg={12} xxl={24}>
              <SettingsCard />
            </Col>
            <Col xs={24} lg={12} xxl={24}>
              <Card title="13710 工作制度" variant="borderless" style={{ marginBottom: 16 }}>
                <div className="rule-13710">
                  {RULE_13710.map((r, i) => (
                    <div key={i} className="rule-13710-item">
                      <span className="rule-13710-figure">{r.figure}</span>
                      <span>{r.text}</span>
                    </div>
                  ))}
                </div>
              </Card>
            </Col>
          </Row>
        </Col>
      </Row>
      {editing && <RuleModal rule={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

const RULE_FIELD_LABELS: Record<string, string> = {
  name: '规则名称',
  days: '天数',
  dayKind: '计日方式',
  levels: '适用等级',
  sources: '适用来源',
  active: '启用',
};

// The server names a bad field by its API name ("days：天数不能为负数"); show the form's label instead.
function withFieldLabels(err: unknown): unknown {
  if (!isApiError(err, 400) || !isStringList(err.details)) return err;
  // "days：天数不能为负数" → "天数不能为负数"; "dayKind：无效的选项" → "计日方式：无效的选项".
  const relabel = (text: string) =>
    text.replace(/(^|；|：)([a-zA-Z]+)(?:\.\d+)?：([^；]*)/g, (all, before: string, field: string, problem: string) => {
      const label = RULE_FIELD_LABELS[field];
      if (!label) return all;
      return `${before}${problem.startsWith(label) ? '' : `${label}：`}${problem}`;
    });
  return new ApiError(err.status, err.code, relabel(err.message), err.details.map(relabel));
}

interface RuleFields {
  name: string;
  days: number;
  dayKind: DayKind;
  levels: TaskLevel[];
  sources: TaskSource[];
  active: boolean;
}

function RuleModal({ rule, onClose }: { rule: TimeLimitRule; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return (
    <FormModal<RuleFields>
      title={`编辑时限规则：${rule.name}`}
      width={600}
      onClose={onClose}
      initialValues={{
        name: rule.name,
        days: rule.days,
        dayKind: rule.dayKind,
        levels: rule.levels as TaskLevel[],
        sources: rule.sources as TaskSource[],
        active: rule.active,
      }}
      onSubmit={async (v) => {
        await call(
          api.PUT('/api/v1/time-limit-rules/{id}', {
            params: { path: { id: rule.id } },
            body: { ...v, name: v.name.trim(), levels: v.levels ?? [], sources: v.sources ?? [], version: rule.version },
          }),
        ).catch((err: unknown) => {
          throw withFieldLabels(err);
        });
        void message.success(`已保存时限规则：${v.name.trim()}`);
        await queryClient.invalidateQueries({ queryKey: RULES_KEY });
      }}
    >
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'target', label: '针对', children: RULE_TARGET_LABELS[rule.target] },
          { key: 'updated', label: '上次修改', children: formatTime(rule.updatedAt) },
        ]}
      />
      <Form.Item name="name" label="规则名称" rules={[{ required: true, whitespace: true, message: '请填写规则名称' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item
            name="days"
            label="天数（按自然月计时为月数）"
            rules={[{ required: true, message: '请填写天数' }]}
            extra="0 表示当天；按自然日、自然月计的时限遇节假日顺延至下一个工作日"
          >
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="dayKind" label="计日方式" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'working', label: '工作日' },
                { value: 'calendar', label: '自然日' },
                { value: 'month', label: '自然月' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="levels" label="适用等级" extra="都不选表示适用于全部等级">
        <Checkbox.Group options={levelOptions} />
      </Form.Item>
      <Form.Item name="sources" label="适用来源" extra="不选表示适用于全部来源">
        <Select mode="multiple" allowClear placeholder="全部来源" options={sourceOptions} />
      </Form.Item>
      <Form.Item name="active" label="启用" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}

type SettingsFields = Omit<ChasingSettings, 'version'>;

function SettingsCard() {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => call(api.GET('/api/v1/chasing/settings')) });
  const s = settings.data;

  async function save(values: SettingsFields) {
    if (!s) return;
    setSaving(true);
    setError(null);
    try {
      queryClient.setQueryData(SETTINGS_KEY, await call(api.PUT('/api/v1/chasing/settings', { body: { ...values, version: s.version } })));
      void message.success('督办设置已保存，下次扫描起生效');
    } catch (err) {
      if (isApiError(err, 409)) showError(err);
      else setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title="督办设置" variant="borderless" style={{ marginBottom: 16 }}>
      {!s ? (
        <Skeleton active />
      ) : (
        // Keyed by version so a reload after a conflict refills the form.
        <Form<SettingsFields> key={s.version} layout="vertical" initialValues={s} onFinish={save}>
          {error !== null && <ErrorAlert error={error} />}
          <Form.Item
            name="urgeDaysBefore"
            label="催办提前工作日"
            extra="完成时限、限期办结前若干个工作日起签发催办单，节假日不签发（1–30 个工作日）"
            rules={[{ required: true, message: '请填写催办提前工作日数' }]}
          >
            <InputNumber precision={0} suffix="个工作日" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="referralGraceWorkingDays"
            label="移交宽限工作日"
            extra="预警单下发后仍未办结，满若干个工作日移交纪委监委问责（1–60 个工作日）"
            rules={[{ required: true, message: '请填写移交宽限期' }]}
          >
            <InputNumber precision={0} suffix="个工作日" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="deductionPoints"
            label="逾期扣分"
            extra="月度任务逾期未完成，责令限期整改时扣减承办单位的分数（0–100 分）"
            rules={[{ required: true, message: '请填写逾期扣分' }]}
          >
            <InputNumber precision={1} step={0.5} suffix="分" style={{ width: 200 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存设置
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
