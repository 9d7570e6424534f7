import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { api, type Unit, call } from '../../api';
import { FormModal } from '../../components/FormModal';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../labels';
import { UNIT_KINDS_KEY, useUnitKindLabels } from '../../units';
import { UNIT_CODE_RULE } from '../../validation';

// The dialogs of the units page: create, edit, move and deactivate a unit.

interface SavedProps {
  onClose: () => void;
  onSaved: (unit: Unit) => Promise<void>;
}

interface UnitFields {
  parentId: number | null;
  kind: UnitKind;
  code: string;
  name: string;
  sortOrder: number;
}

export function CreateUnitModal({ parentId, onClose, onSaved }: SavedProps & { parentId: number | null }) {
  const kindLabels = useUnitKindLabels();
  return (
    <FormModal<UnitFields>
      title="新增单位"
      okText="确定"
      initialValues={{ parentId, kind: 'city_dept', sortOrder: 0 }}
      onClose={onClose}
      onSubmit={async (values) => onSaved(await call(api.POST('/api/v1/units', { body: { ...values, parentId: values.parentId ?? null } })))}
    >
      <Form.Item name="parentId" label="上级单位" extra="不选择则为顶级单位">
        <UnitTreeSelect placeholder="无（顶级单位）" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
            <Select options={UNIT_KINDS.map((kind) => ({ value: kind, label: kindLabels[kind] }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="code" label="单位编码" rules={[{ required: true, message: '请输入单位编码' }, UNIT_CODE_RULE]}>
            <Input placeholder="如 D001" maxLength={32} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }]}>
        <Input placeholder="如 县发展和改革委员会" maxLength={100} />
      </Form.Item>
      <Form.Item name="sortOrder" label="排序号" extra="数字越小越靠前">
        <InputNumber min={0} max={99999} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}

interface EditFields {
  name: string;
  code: string;
  kind: UnitKind;
  headPersonId: number | null;
  liaisonPersonId: number | null;
  sortOrder: number;
}

export function EditUnitModal({ unit, onClose, onSaved }: SavedProps & { unit: Unit }) {
  const kindLabels = useUnitKindLabels();
  // The head and the liaison must be people of this very unit, so its sub-units' people are not asked for.
  const query = { unitId: unit.id, exactUnit: 'true' as const, pageSize: 200 };
  const people = useQuery({
    queryKey: ['people', query],
    queryFn: () => call(api.GET('/api/v1/people', { params: { query } })),
  });
  const options = (people.data?.items ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.title ? `${p.name}（${p.title}）` : p.name }));
  const personSelect = (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={people.isPending}
      options={options}
      placeholder="从本单位人员中选择"
      notFoundContent="本单位暂无人员"
    />
  );
  return (
    <FormModal<EditFields>
      title={`编辑单位：${unit.name}`}
      initialValues={unit}
      onClose={onClose}
      onSubmit={async (values) =>
        onSaved(
          await call(
            api.PATCH('/api/v1/units/{id}', {
              params: { path: { id: unit.id } },
              body: {
                ...values,
                headPersonId: values.headPersonId ?? null,
                liaisonPersonId: values.liaisonPersonId ?? null,
                version: unit.version,
              },
            }),
          ),
        )
      }
    >
      <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="code" label="单位编码" rules={[{ required: true, message: '请输入单位编码' }, UNIT_CODE_RULE]}>
            <Input maxLength={32} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
            <Select options={UNIT_KINDS.map((kind) => ({ value: kind, label: kindLabels[kind] }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="headPersonId" label="主要负责人">
            {personSelect}
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="liaisonPersonId" label="联络员">
            {personSelect}
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="sortOrder" label="排序号" extra="数字越小越靠前">
        <InputNumber min={0} max={99999} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}

export function MoveUnitModal({ unit, onClose, onSaved }: SavedProps & { unit: Unit }) {
  return (
    <FormModal<{ parentId: number | null }>
      title={`移动单位：${unit.name}`}
      okText="移动"
      initialValues={{ parentId: unit.parentId }}
      onClose={onClose}
      onSubmit={async ({ parentId }) =>
        onSaved(
          await call(api.POST('/api/v1/units/{id}/move', { params: { path: { id: unit.id } }, body: { version: unit.version, parentId: parentId ?? null } })),
        )
      }
    >
      <Form.Item name="parentId" label="新的上级单位" extra="不选择则移为顶级单位；下级单位随之移动。">
        <UnitTreeSelect placeholder="无（顶级单位）" excludeSubtreeOf={unit.id} />
      </Form.Item>
    </FormModal>
  );
}

export function DeactivateUnitModal({ unit, onClose, onSaved }: SavedProps & { unit: Unit }) {
  return (
    <FormModal<{ reason: string }>
      title={`停用单位：${unit.name}`}
      okText="确认停用"
      onClose={onClose}
      onSubmit={async ({ reason }) =>
        onSaved(await call(api.POST('/api/v1/units/{id}/deactivate', { params: { path: { id: unit.id } }, body: { version: unit.version, reason } })))
      }
    >
      <p style={{ color: 'rgba(0,0,0,0.65)' }}>停用后该单位不能再被选择，历史记录保留。有启用中的下级单位时不能停用。</p>
      <Form.Item name="reason" label="停用原因" rules={[{ required: true, whitespace: true, message: '请填写停用原因' }]}>
        <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：机构改革，职能并入县数据局" />
      </Form.Item>
    </FormModal>
  );
}

// What the county calls each kind of unit: a county has 县直单位 where a city has 市直单位.
export function KindLabelsModal({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: UNIT_KINDS_KEY, queryFn: () => call(api.GET('/api/v1/unit-kinds')) });
  if (!current.data) return null;
  return (
    <FormModal<Record<UnitKind, string>>
      title="单位类型名称"
      initialValues={current.data.labels}
      onClose={onClose}
      onSubmit={async (labels) => {
        const saved = await call(api.PUT('/api/v1/unit-kinds', { body: { labels, version: current.data.version } }));
        queryClient.setQueryData(UNIT_KINDS_KEY, saved);
      }}
    >
      {UNIT_KINDS.map((kind) => (
        <Form.Item
          key={kind}
          name={kind}
          label={UNIT_KIND_LABELS[kind]}
          rules={[
            { required: true, whitespace: true, message: '请填写名称' },
            { min: 2, max: 12, message: '名称须为 2–12 个字' },
          ]}
        >
          <Input maxLength={12} />
        </Form.Item>
      ))}
    </FormModal>
  );
}
