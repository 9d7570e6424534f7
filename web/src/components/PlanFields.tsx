import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { LEVEL_LABELS, TASK_LEVELS, type TaskLevel } from '../labels';
import type { Proposal } from '../plans';
import { CadenceField, IndicatorList } from '../pages/task-form/FormLists';
import { leaderOptions, type ReportCadence, useCategories, useLeaders } from '../tasks';
import { ResponsiblePersonFields } from './ResponsiblePerson';
import { UnitTreeSelect } from './UnitTreeSelect';

// What the forms of a proposal and of a draft item hold; dates as pickers.
export interface PlanFieldValues {
  title: string;
  measures?: string;
  timetable?: string;
  milestones?: { name: string; dueDate: Dayjs }[];
  standard?: string;
  deadline: Dayjs;
  categoryId?: number | null;
  leadLeaderId?: number | null;
  leadUnitId?: number;
  cooperatingUnitIds?: number[];
  responsiblePersonId?: number | null;
  responsibleName?: string;
  responsiblePhone?: string;
  indicators?: { name?: string; target?: number | null; unitOfMeasure?: string }[];
  level?: TaskLevel;
  cadenceKind?: ReportCadence['kind'];
  weekday?: number;
  everyDays?: number;
  monthDay?: number;
  evidenceRequired?: boolean;
  reason?: string;
}

export interface PlanContent {
  title: string;
  measures: string;
  milestones: Proposal['milestones'][number][];
  standard: string;
  deadline: string;
  categoryId: number | null;
  leadLeaderId: number | null;
  cooperatingUnitIds: number[];
  timetable?: string;
  leadUnitId?: number;
  responsiblePersonId: number | null;
  responsibleName: string;
  responsiblePhone: string;
  indicators: Proposal['indicators'];
  level: TaskLevel;
  reportCadence: ReportCadence;
  evidenceRequired: boolean;
}

// A new proposal or item: nothing yet, reporting not required.
export const emptyFields: Partial<PlanFieldValues> = { milestones: [], indicators: [], level: 'general', cadenceKind: 'none', evidenceRequired: false };

export const toFields = ({ reportCadence: c, ...rest }: PlanContent): PlanFieldValues => ({
  ...rest,
  deadline: dayjs(rest.deadline),
  milestones: rest.milestones.map((m) => ({ name: m.name, dueDate: dayjs(m.dueDate) })),
  cadenceKind: c.kind,
  weekday: c.kind === 'weekly' ? c.weekday : 5,
  everyDays: c.kind === 'every_n_days' ? c.days : 7,
  monthDay: c.kind === 'monthly' ? c.day : 25,
});

function cadenceOf(v: PlanFieldValues): ReportCadence {
  if (v.cadenceKind === 'weekly') return { kind: 'weekly', weekday: v.weekday ?? 5 };
  if (v.cadenceKind === 'every_n_days') return { kind: 'every_n_days', days: v.everyDays ?? 7 };
  if (v.cadenceKind === 'monthly') return { kind: 'monthly', day: v.monthDay ?? 25 };
  return { kind: 'none' };
}

export function toContent(v: PlanFieldValues): PlanContent {
  return {
    title: v.title.trim(),
    measures: v.measures?.trim() ?? '',
    ...(v.timetable !== undefined ? { timetable: v.timetable.trim() } : {}),
    milestones: (v.milestones ?? []).map((m) => ({ name: m.name.trim(), dueDate: m.dueDate.format('YYYY-MM-DD') })),
    standard: v.standard?.trim() ?? '',
    deadline: v.deadline.format('YYYY-MM-DD'),
    categoryId: v.categoryId ?? null,
    leadLeaderId: v.leadLeaderId ?? null,
    cooperatingUnitIds: v.cooperatingUnitIds ?? [],
    ...(v.leadUnitId !== undefined ? { leadUnitId: v.leadUnitId } : {}),
    responsiblePersonId: v.responsiblePersonId ?? null,
    responsibleName: v.responsibleName?.trim() ?? '',
    responsiblePhone: v.responsiblePhone?.trim() ?? '',
    indicators: (v.indicators ?? []).map((i) => ({ name: i.name!.trim(), target: i.target!, unitOfMeasure: i.unitOfMeasure?.trim() ?? '' })),
    level: v.level ?? 'general',
    reportCadence: cadenceOf(v),
    evidenceRequired: v.evidenceRequired ?? false,
  };
}

// 三定's people and proof: the responsible person, the level, the indicators, the reporting cadence and whether
// closing needs evidence.
function Responsibility({ unitId }: { unitId: number | undefined }) {
  return (
    <>
      <ResponsiblePersonFields unitId={unitId} unitWord="责任单位" />
      <Form.Item name="level" label="等级">
        <Radio.Group options={TASK_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
      </Form.Item>
      <IndicatorList />
      <CadenceField />
      <Form.Item name="evidenceRequired" valuePropName="checked" style={{ marginTop: 12 }}>
        <Checkbox>销号时须提供佐证材料</Checkbox>
      </Form.Item>
    </>
  );
}

// The content of a key work item: 工作任务, 措施, 时间表和路线图 (关键节点), 标准, 时限, 类别, 领导, 单位.
// `unitId` is the proposing unit; an item's form (`leadUnit`) takes the unit chosen in it.
export function PlanFields({
  timetable = false,
  leadUnit = false,
  unitId,
  reason,
}: {
  timetable?: boolean;
  leadUnit?: boolean;
  unitId?: number;
  reason?: string;
}) {
  const leaders = useLeaders();
  const categories = useCategories();
  const chosenUnit = Form.useWatch<number | undefined>('leadUnitId', Form.useFormInstance());
  return (
    <>
      <Form.Item name="title" label="工作任务" rules={[{ required: true, whitespace: true, message: '请填写工作任务' }]}>
        <Input maxLength={200} placeholder="如：完成城关街道农贸市场提升改造" />
      </Form.Item>
      <Form.Item name="measures" label="工作措施">
        <Input.TextArea rows={3} maxLength={5000} placeholder="具体措施和路线图" />
      </Form.Item>
      {timetable && (
        <Form.Item name="timetable" label="时间表">
          <Input.TextArea rows={2} maxLength={5000} placeholder="如：4月10日前完成方案，4月25日前完工" />
        </Form.Item>
      )}
      <Form.Item label="关键节点">
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row key={f.key} gutter={8} align="top">
                  <Col flex="auto">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写节点名称' }]}>
                      <Input placeholder="节点名称，如：完成改造方案" maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col>
                    <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: '请选择节点时间' }]}>
                      <DatePicker placeholder="节点时间" />
                    </Form.Item>
                  </Col>
                  <Col>
                    <Button icon={<DeleteOutlined />} aria-label="删除节点" onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                添加关键节点
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="standard" label="工作标准">
        <Input.TextArea rows={2} maxLength={5000} placeholder="完成后应达到的标准，销号时据此验收" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="deadline" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="categoryId" label="类别">
            <Select
              allowClear
              loading={categories.isPending}
              options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              placeholder="请选择类别"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="leadLeaderId" label="责任领导" extra={leadUnit ? undefined : '不填则由分管本单位的县领导负责'}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={leaders.isPending}
              options={leaderOptions(leaders.data ?? [])}
              placeholder="请选择县领导"
            />
          </Form.Item>
        </Col>
        {leadUnit && (
          <Col span={12}>
            <Form.Item name="leadUnitId" label="责任单位" rules={[{ required: true, message: '请选择责任单位' }]}>
              <UnitTreeSelect placeholder="请选择牵头单位" />
            </Form.Item>
          </Col>
        )}
        <Col span={leadUnit ? 24 : 12}>
          <Form.Item name="cooperatingUnitIds" label="配合单位">
            <UnitTreeSelect multiple placeholder="请选择配合单位" />
          </Form.Item>
        </Col>
      </Row>
      <Responsibility unitId={leadUnit ? chosenUnit : unitId} />
      {reason && (
        <Form.Item name="reason" label={reason} rules={[{ required: true, whitespace: true, message: `请填写${reason}` }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder="修改留痕，单位可见" />
        </Form.Item>
      )}
    </>
  );
}
