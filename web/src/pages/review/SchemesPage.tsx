import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { SCORE_FACT_LABELS, SCORE_WEIGHT_KEYS, type ScoreWeightKey } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { hasRole, useCurrentUser } from '../../session';
import { formatTime } from '../../time';

type Scheme = Schemas['ScoringScheme'];

export default function SchemesPage() {
  const me = useCurrentUser();
  const manager = hasRole(me, 'office') || hasRole(me, 'assessment');
  const schemes = useQuery({ queryKey: ['reviews', 'schemes'], queryFn: () => call(api.GET('/api/v1/reviews/schemes')) });
  const [base, setBase] = useState<Scheme | null>(null);
  const items = schemes.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="评分方案"
        section="考核评价"
        subTitle="月点评按各月生效的方案版本计分；修改方案即保存新版本，已发布月份的分数不受影响"
        extra={
          manager &&
          items[0] && (
            <Button type="primary" onClick={() => setBase(items.find((s) => s.inForce) ?? items[0]!)}>
              新建版本
            </Button>
          )
        }
      />
      <Card>
        <Table<Scheme>
          rowKey="id"
          size="small"
          loading={schemes.isFetching}
          pagination={false}
          dataSource={items}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: '版本',
              dataIndex: 'version',
              fixed: 'left',
              render: (v: number, s) => (
                <Space>
                  第 {v} 版{s.inForce && <Tag color="green">本月生效</Tag>}
                </Space>
              ),
            },
            { title: '生效月份', dataIndex: 'effectiveFrom', render: (m: string) => (m <= '2000-01' ? '初始方案' : m) },
            ...SCORE_WEIGHT_KEYS.map((k) => ({
              title: SCORE_FACT_LABELS[k],
              align: 'right' as const,
              render: (_: unknown, s: Scheme) => s.weights[k],
            })),
            { title: '配合单位承担', dataIndex: 'partShare', align: 'right' as const, render: (v: number) => `${v}%` },
            { title: '说明', dataIndex: 'note' },
            { title: '保存时间', dataIndex: 'createdAt', render: (t: string) => formatTime(t) },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          分值为每一项事实的得分：按时销号、逾期销号、挂单按事项计；逾期按天计；督办单按收到的张数计（未按时报送另计一次）；亮点工作、通报表扬、典型发言、末位表态、问责由督查室录入。
          “配合单位承担”：事项逾期或挂单的扣分中，由分工逾期（过了分工时限仍未报告且未被说明）的配合单位共同承担的比例，其余由牵头单位承担；0%
          即全部由牵头单位承担。
          {schemes.data?.lastPublished && ` 最近已发布月份：${schemes.data.lastPublished}，新版本的生效月份必须晚于它。`}
        </Typography.Paragraph>
      </Card>
      {base && <NewVersion base={base} lastPublished={schemes.data?.lastPublished ?? null} onClose={() => setBase(null)} />}
    </>
  );
}

function NewVersion({ base, lastPublished, onClose }: { base: Scheme; lastPublished: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ effectiveFrom: dayjs.Dayjs; note: string; partShare: number; weights: Record<ScoreWeightKey, number> }>();
  return (
    <Modal
      open
      width={720}
      title="新建评分方案版本"
      okText="保存新版本"
      cancelText="取消"
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(async (v) => {
          try {
            const saved = await call(
              api.POST('/api/v1/reviews/schemes', {
                body: { effectiveFrom: v.effectiveFrom.format('YYYY-MM'), weights: v.weights, partShare: v.partShare, note: v.note },
              }),
            );
            void message.success(`已保存第 ${saved.version} 版，自 ${saved.effectiveFrom} 起计分`);
            await queryClient.invalidateQueries({ queryKey: ['reviews'] });
            onClose();
          } catch (e) {
            void message.error((e as Error).message);
          }
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={{ weights: base.weights, partShare: base.partShare, note: '' }}>
        <Form.Item name="effectiveFrom" label="生效月份" rules={[{ required: true, message: '请选择生效月份' }]}>
          <DatePicker picker="month" format="YYYY年MM月" disabledDate={(d) => lastPublished !== null && d.format('YYYY-MM') <= lastPublished} />
        </Form.Item>
        <Space wrap size={[16, 0]}>
          {SCORE_WEIGHT_KEYS.map((k) => (
            <Form.Item key={k} name={['weights', k]} label={SCORE_FACT_LABELS[k]} rules={[{ required: true, message: '请填写分值' }]}>
              <InputNumber step={0.5} precision={2} style={{ width: 140 }} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item
          name="partShare"
          label="配合单位分工逾期时承担的扣分比例（%）"
          extra="事项逾期、挂单的扣分由分工逾期的配合单位按此比例共同承担，其余由牵头单位承担"
          rules={[{ required: true, message: '请填写承担比例' }]}
        >
          <InputNumber min={0} max={100} precision={0} addonAfter="%" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
