import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Radio, Result, Row, Select, Space, Spin, Switch, Typography, type FormInstance } from 'antd';
import { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, isApiError, call } from '../api';
import { ErrorAlert, errorMessage, isStale } from '../components/feedback';
import { PageHeader } from '../components/PageHeader';
import { UnitTreeSelect } from '../components/UnitTreeSelect';
import { LEVEL_LABELS } from '../labels';
import { ResponsiblePersonFields } from '../components/ResponsiblePerson';
import { hasRole, useCurrentUser } from '../session';
import { leaderOptions, taskKey, TASKS_KEY, useCategories, useLeaders, useServerToday, useTask } from '../tasks';
import { formatTime } from '../time';
import { day, defaults, fieldsOf, sourceOptions, toInput, type Mode, type TaskFields } from './task-form/taskFields';
import { CadenceField, CooperatorList, IndicatorList, MilestoneList } from './task-form/FormLists';

// /tasks/new, /tasks/:id/edit and /tasks/:id/decompose: one form for the office's new and changed tasks and for sub-tasks.
export default function TaskFormPage() {
  const me = useCurrentUser();
  const params = useParams();
  const location = useLocation();
  const id = params.id ? Number(params.id) : null;
  const kind = id === null ? 'new' : location.pathname.endsWith('/decompose') ? 'decompose' : 'edit';
  const task = useTask(id ?? 0);
  const today = useServerToday();

  if (kind === 'new') {
    if (!hasRole(me, 'office')) return <Denied text="只有督查室可以新建事项。" />;
    return <TaskForm mode={{ kind: 'new' }} initial={defaults(today)} />;
  }
  if (isApiError(task.error, 404)) return <Denied text="该事项不存在，或不在您的查看范围内。" />;
  if (task.isError) return <Result status="error" title="无法加载事项" subTitle={errorMessage(task.error)} />;
  if (!task.data) return <Spin size="large" className="page-spin" />;
  if (kind === 'edit') {
    if (!task.data.canEdit) return <Denied text="该事项当前不能修改（只有督查室可以修改未销号、未撤销的事项）。" />;
    return <TaskForm mode={{ kind: 'edit', task: task.data }} initial={fieldsOf(task.data)} />;
  }
  if (!task.data.canDecompose) return <Denied text="该事项当前不能分解（已交办、已签收或推进中的事项，由督查室或牵头单位分解）。" />;
  return <TaskForm mode={{ kind: 'decompose', parent: task.data }} initial={defaults(today, task.data)} />;
}

function Denied({ text }: { text: string }) {
  return (
    <Result
      status="403"
      title="不能执行此操作"
      subTitle={text}
      extra={
        <Link to="/tasks">
          <Button type="primary">返回工作台账</Button>
        </Link>
      }
    />
  );
}

function TaskForm({ mode, initial }: { mode: Mode; initial: TaskFields }) {
  const [form] = Form.useForm<TaskFields>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const leaders = useLeaders();
  const categories = useCategories();
  const leadUnitId = Form.useWatch('leadUnitId', form);
  const parent = mode.kind === 'decompose' ? mode.parent : null;

  useEffect(() => {
    if (error !== null) errorRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [error]);

  const title = mode.kind === 'new' ? '新建事项' : mode.kind === 'edit' ? '编辑事项' : '分解子事项';
  const back = mode.kind === 'new' ? '/tasks' : `/tasks/${mode.kind === 'edit' ? mode.task.id : mode.parent.id}`;

  async function save(values: TaskFields) {
    setSaving(true);
    setError(null);
    try {
      const input = toInput(values);
      if (mode.kind === 'new') {
        const created = await call(api.POST('/api/v1/tasks', { body: input }));
        queryClient.setQueryData(taskKey(created.id), created);
        void message.success('事项已保存为草拟，请核对后交办');
        await queryClient.invalidateQueries({ queryKey: TASKS_KEY });
        navigate(`/tasks/${created.id}`);
      } else if (mode.kind === 'edit') {
        const saved = await call(api.PUT('/api/v1/tasks/{id}', { params: { path: { id: mode.task.id } }, body: { ...input, version: mode.task.version } }));
        queryClient.setQueryData(taskKey(saved.id), saved);
        void message.success('事项已保存');
        await queryClient.invalidateQueries({ queryKey: TASKS_KEY });
        await queryClient.invalidateQueries({ queryKey: ['task', saved.id, 'history'] });
        navigate(`/tasks/${saved.id}`);
      } else {
        await call(api.POST('/api/v1/tasks/{id}/subtasks', { params: { path: { id: mode.parent.id } }, body: input }));
        void message.success('子事项已分解，请核对后交办');
        await queryClient.invalidateQueries({ queryKey: TASKS_KEY });
        await queryClient.invalidateQueries({ queryKey: taskKey(mode.parent.id) });
        navigate(`/tasks/${mode.parent.id}`);
      }
    } catch (err) {
      if (isStale(err) && mode.kind === 'edit') {
        // Someone saved in between: load their version into the form (and its version for the next save), and say so.
        void message.warning(errorMessage(err));
        try {
          const fresh = await call(api.GET('/api/v1/tasks/{id}', { params: { path: { id: mode.task.id } } }));
          queryClient.setQueryData(taskKey(fresh.id), fresh);
          form.resetFields();
          form.setFieldsValue(fieldsOf(fresh));
          setError(new Error(`该事项已被他人修改（${formatTime(fresh.updatedAt)}），您的修改未保存。已为您加载最新内容，请核对后重新修改并保存。`));
        } catch (reloadErr) {
          setError(reloadErr);
        }
      } else {
        setError(err);
      }
    } finally {
      setSaving(false);
    }
  }

  function onValuesChange(changed: Partial<TaskFields>) {
    if ('leadUnitId' in changed) {
      // The responsible person belongs to the lead unit; a new unit means choosing again.
      form.setFieldsValue({ responsiblePersonId: null });
      // Suggest the leader in charge of the unit (分管领导) when none is chosen yet.
      const inCharge = (leaders.data ?? []).find((l) => l.active && l.units.some((u) => u.id === changed.leadUnitId));
      if (inCharge && !form.getFieldValue('leadLeaderId')) form.setFieldsValue({ leadLeaderId: inCharge.id });
    }
  }

  return (
    <>
      <PageHeader
        title={title}
        section="督查督办"
        parents={[{ title: '工作台账', to: '/tasks' }, ...(mode.kind === 'new' ? [] : [{ title: '事项详情', to: back }])]}
        subTitle={
          mode.kind === 'edit'
            ? `修改“${mode.task.title}”，保存后记入事项历程`
            : mode.kind === 'decompose'
              ? '将事项分解给本单位或下级单位，子事项的进度汇总到上级事项'
              : '按定责任、定进度、定质量填写，保存后为草拟状态，交办后生效'
        }
      />
      {parent && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`上级事项：${parent.title}`}
          description={`牵头单位 ${parent.leadUnitName}，完成时限 ${parent.deadline}。子事项的完成时限不能晚于上级事项。`}
        />
      )}
      <div ref={errorRef}>{error !== null && <ErrorAlert error={error} />}</div>
      <Form<TaskFields>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={save}
        onValuesChange={onValuesChange}
        onFinishFailed={() => void message.error('表单有未填写或不正确的内容，请检查标红的项目')}
        autoComplete="off"
        scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
        className="task-form"
      >
        <Card title="一、基本信息" variant="borderless" style={{ marginBottom: 16 }}>
          <Form.Item name="title" label="工作任务" rules={[{ required: true, whitespace: true, message: '请填写工作任务' }]}>
            <Input maxLength={200} showCount placeholder="如：推进城关街道老旧小区改造" />
          </Form.Item>
          <Form.Item name="description" label="具体内容">
            <Input.TextArea rows={3} maxLength={5000} showCount placeholder="工作目标、主要措施和具体要求" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="source" label="来源" rules={[{ required: true, message: '请选择来源' }]}>
                <Select options={sourceOptions} placeholder="请选择来源" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="categoryId" label="类别">
                <Select
                  allowClear
                  loading={categories.isPending}
                  placeholder="请选择类别"
                  options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="level" label="等级">
                <Radio.Group optionType="button" buttonStyle="solid" options={Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="period" label="所属月份" rules={[{ required: true, message: '请选择所属月份' }]}>
                <DatePicker picker="month" format="YYYY年MM月" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="tags" label="标签" extra="输入后按回车添加，如：民生实事、10+N">
            <Select mode="tags" maxCount={20} tokenSeparators={[',', '，']} placeholder="可添加多个标签" open={false} suffixIcon={null} />
          </Form.Item>
        </Card>

        <Card title="二、定责任" variant="borderless" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="leadUnitId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
                <UnitTreeSelect placeholder="请选择牵头单位" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="leadLeaderId" label="责任领导" extra="选择牵头单位后自动带出分管县领导，可修改">
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={leaders.isPending}
                  options={leaderOptions(leaders.data ?? [])}
                  placeholder="请选择县领导"
                />
              </Form.Item>
            </Col>
          </Row>
          <ResponsiblePersonFields unitId={leadUnitId} unitWord="牵头单位" />
          <CooperatorList />
        </Card>

        <Card title="三、定进度" variant="borderless" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="startDate" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="deadline"
                label="完成时限"
                dependencies={['startDate']}
                rules={[
                  { required: true, message: '请选择完成时限' },
                  ({ getFieldValue }) => ({
                    validator: async (_, v?: Dayjs) => {
                      const start = getFieldValue('startDate') as Dayjs | undefined;
                      if (v && start && day(v) < day(start)) throw new Error('完成时限不能早于开始日期');
                      if (v && parent && day(v) > parent.deadline) throw new Error(`子事项的完成时限不能晚于上级事项（${parent.deadline}）`);
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <MilestoneList />
          <CadenceField />
        </Card>

        <Card title="四、定质量" variant="borderless" style={{ marginBottom: 16 }}>
          <Form.Item name="standard" label="工作标准" extra="销号时照单验收">
            <Input.TextArea rows={3} maxLength={5000} showCount placeholder="如：3 个小区完成改造并通过住建部门验收" />
          </Form.Item>
          <Form.Item label="销号佐证">
            <Space>
              <Form.Item name="evidenceRequired" valuePropName="checked" noStyle>
                <Switch aria-label="申请销号时须上传佐证材料" />
              </Form.Item>
              <Typography.Text type="secondary">申请销号时须上传验收报告、现场照片等佐证材料</Typography.Text>
            </Space>
          </Form.Item>
          <IndicatorList />
        </Card>

        <FormFooter form={form} saving={saving} onCancel={() => navigate(back)} okText={mode.kind === 'decompose' ? '保存子事项' : '保存'} />
      </Form>
    </>
  );
}

function FormFooter({ form, saving, onCancel, okText }: { form: FormInstance<TaskFields>; saving: boolean; onCancel: () => void; okText: string }) {
  return (
    <div className="form-footer">
      <Space>
        <Button onClick={onCancel}>取消</Button>
        <Button type="primary" loading={saving} onClick={() => form.submit()}>
          {okText}
        </Button>
      </Space>
    </div>
  );
}
