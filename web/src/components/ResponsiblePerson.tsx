import { useQuery } from '@tanstack/react-query';
import { Col, Form, Input, Row, Select } from 'antd';
import { api, call } from '../api';
import { PHONE_RULE } from '../validation';

// 定责任's person: one of the unit's own people (not of its sub-units), whose name and phone come with the choice; or
// a name and phone typed in. Used by the task form and the plan's proposals and items.
export function ResponsiblePersonFields({ unitId, unitWord }: { unitId: number | null | undefined; unitWord: string }) {
  const form = Form.useFormInstance();
  const query = { unitId: unitId ?? undefined, exactUnit: 'true' as const, pageSize: 200 };
  const people = useQuery({
    queryKey: ['people', query],
    queryFn: () => call(api.GET('/api/v1/people', { params: { query } })),
    enabled: typeof unitId === 'number',
  });
  const active = (people.data?.items ?? []).filter((p) => p.active);
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name="responsiblePersonId" label="责任人" extra={unitId ? `从${unitWord}人员中选择，自动带出电话` : `请先选择${unitWord}`}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!unitId}
            loading={people.isFetching}
            options={active.map((p) => ({ value: p.id, label: [p.name, p.title, p.phone].filter(Boolean).join(' · ') }))}
            onChange={(id: number | undefined) => {
              const person = active.find((p) => p.id === id);
              if (person) form.setFieldsValue({ responsibleName: person.name, responsiblePhone: person.phone });
            }}
            placeholder="选择人员"
            notFoundContent="该单位暂无人员"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="responsibleName" label="责任人姓名">
          <Input maxLength={50} placeholder="可直接填写" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="responsiblePhone" label="联系电话" rules={[PHONE_RULE]}>
          <Input maxLength={30} placeholder="手机号或固定电话" />
        </Form.Item>
      </Col>
    </Row>
  );
}
