import { CameraOutlined, CheckOutlined, DeleteOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Image, Input, Popconfirm, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, apiUrl, call, upload, type Schemas } from '../../api';
import { errorMessage, useShowError } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { shrinkImage } from '../../image';
import { FINDING_GRADE_LABELS, INSPECTION_METHOD_LABELS, STATUS_LABELS } from '../../labels';
import { usePhone } from '../../phone';
import { hasRole, useCurrentUser, useServerNow } from '../../session';
import { modeTag, statusTag } from './InspectionsPage';

type Inspection = Schemas['Inspection'];
type Finding = Inspection['findings'][number];
const GRADE_COLOR: Record<Finding['grade'], string> = { good: 'green', problem: 'orange', serious: 'red' };

function RecordForm({ inspection, onSaved }: { inspection: Inspection; onSaved: (i: Inspection) => void }) {
  const [saving, setSaving] = useState(false);
  const showError = useShowError();
  const now = useServerNow();
  return (
    <Form
      layout="vertical"
      initialValues={{
        visitedOn: inspection.visitedOn ? dayjs(inspection.visitedOn) : now,
        place: inspection.place,
        peopleMet: inspection.peopleMet,
        observations: inspection.observations,
      }}
      onFinish={async (v: { visitedOn: dayjs.Dayjs; place: string; peopleMet?: string; observations: string }) => {
        setSaving(true);
        try {
          onSaved(
            await call(
              api.PUT('/api/v1/inspections/{id}/record', {
                params: { path: { id: inspection.id } },
                body: {
                  visitedOn: v.visitedOn.format('YYYY-MM-DD'),
                  place: v.place,
                  peopleMet: v.peopleMet ?? '',
                  observations: v.observations,
                  version: inspection.version,
                },
              }),
            ),
          );
        } catch (err) {
          showError(err);
        } finally {
          setSaving(false);
        }
      }}
    >
      <Space wrap>
        <Form.Item name="visitedOn" label="督查日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
          <Input style={{ width: 320 }} />
        </Form.Item>
        <Form.Item name="peopleMet" label="见面人员">
          <Input style={{ width: 280 }} />
        </Form.Item>
      </Space>
      <Form.Item name="observations" label="所见情况" rules={[{ required: true, message: '请填写所见情况' }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
      <Button htmlType="submit" loading={saving}>
        保存督查记录
      </Button>
    </Form>
  );
}

export default function InspectionPage() {
  const id = Number(useParams().id);
  const me = useCurrentUser();
  const office = hasRole(me, 'office');
  const unitSide = hasRole(me, 'unit_head', 'unit_liaison');
  const phone = usePhone();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const key = ['inspection', id];
  const q = useQuery({ queryKey: key, queryFn: () => call(api.GET('/api/v1/inspections/{id}', { params: { path: { id } } })) });
  const [adding, setAdding] = useState(false);
  const [place, setPlace] = useState('');
  const now = useServerNow();
  const set = (i: Inspection) => queryClient.setQueryData(key, i);

  if (q.isError) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  const i = q.data;
  if (!i) return <Card loading />;
  const open = office && i.status === 'planned';

  const findingColumns = [
    { title: '等次', width: 100, render: (_: unknown, f: Finding) => <Tag color={GRADE_COLOR[f.grade]}>{FINDING_GRADE_LABELS[f.grade]}</Tag> },
    { title: '发现的情况', dataIndex: 'content' },
    {
      title: '整改',
      render: (_: unknown, f: Finding) =>
        f.grade === 'good' ? (
          f.highlightId ? (
            <Tag color="gold">已申报亮点工作</Tag>
          ) : unitSide && i.status === 'filed' ? (
            <Button
              size="small"
              onClick={async () => {
                try {
                  set(await call(api.POST('/api/v1/inspections/{id}/findings/{findingId}/highlight', { params: { path: { id, findingId: f.id } } })));
                  void message.success('已申报本月亮点工作');
                } catch (err) {
                  showError(err);
                }
              }}
            >
              申报亮点工作
            </Button>
          ) : null
        ) : (
          <Space direction="vertical" size={0}>
            <span>
              {f.ownerUnitName}
              {f.ownerName && ` · ${f.ownerName}`}
            </span>
            {f.task ? (
              <Link to={`/tasks/${f.task.id}`}>
                整改事项 #{f.task.id} · 时限 {f.task.deadline} · {STATUS_LABELS[f.task.status]}
              </Link>
            ) : (
              <Typography.Text type="secondary">时限 {f.deadline}（归档后列入台账）</Typography.Text>
            )}
          </Space>
        ),
    },
    ...(open
      ? [
          {
            title: '',
            width: 60,
            render: (_: unknown, f: Finding) => (
              <Popconfirm
                title="删除这条发现？"
                onConfirm={async () => {
                  try {
                    set(await call(api.DELETE('/api/v1/inspections/{id}/findings/{findingId}', { params: { path: { id, findingId: f.id } } })));
                  } catch (err) {
                    showError(err);
                  }
                }}
              >
                <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除" />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={`${i.unitName} · ${i.subject}`}
        section="督查督办"
        parents={[{ title: '明察暗访', to: '/inspections' }]}
        tags={
          <Space size={4}>
            {modeTag(i.mode)}
            {statusTag(i.status)}
          </Space>
        }
        extra={
          <Space>
            {i.status === 'filed' && (
              <Button icon={<FileWordOutlined />} href={apiUrl('/api/v1/inspections/{id}/reminder', { id })}>
                提示件
              </Button>
            )}
            {open && (
              <Popconfirm
                title="归档后问题将列入督办台账交办责任单位，并向分管领导发送提示件；暗访结果同时对被督查单位可见。"
                okText="归档"
                onConfirm={async () => {
                  try {
                    set(await call(api.POST('/api/v1/inspections/{id}/file', { params: { path: { id } }, body: { version: i.version } })));
                    void message.success('已归档，整改事项已交办');
                  } catch (err) {
                    showError(err);
                  }
                }}
              >
                <Button type="primary" icon={<CheckOutlined />}>
                  归档并交办整改
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title="督查记录">
          <Descriptions
            style={{ marginBottom: 16 }}
            column={{ xs: 1, md: 3 }}
            items={[
              { label: '计划', children: `${i.period}（${i.cycle === 'year' ? '年度' : '月度'}）` },
              { label: '督查组', children: i.teamName },
              { label: '形式', children: INSPECTION_METHOD_LABELS[i.method] },
              { label: '督查日期', children: i.visitedOn ?? (i.plannedOn ? `计划 ${i.plannedOn}` : '—') },
              { label: '地点', children: i.place || '—' },
              { label: '见面人员', children: i.peopleMet || '—' },
              ...(i.leaderName ? [{ label: '提示件送', children: i.leaderName }] : []),
            ]}
          />
          {open ? (
            <RecordForm inspection={i} onSaved={set} />
          ) : (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{i.observations || '尚未填写督查记录'}</Typography.Paragraph>
          )}
        </Card>
        <Card
          title={`现场照片（${i.photos.length}）`}
          extra={
            open && (
              <Space>
                <Input placeholder="拍摄地点" value={place} onChange={(e) => setPlace(e.target.value)} style={{ width: 200 }} />
                <Upload
                  accept="image/jpeg,image/png"
                  showUploadList={false}
                  customRequest={async ({ file }) => {
                    try {
                      const form = new FormData();
                      const f = await shrinkImage(file as File);
                      form.append('file', f);
                      // The photo's own time when it is clearly in the past; otherwise the server stamps the
                      // upload with its own clock (the browser's guess of the server's now may run ahead of it).
                      const taken = dayjs((file as File).lastModified);
                      if (taken.isBefore(now.subtract(1, 'minute'))) form.append('takenAt', taken.format());
                      form.append('place', place || i.place);
                      set(await upload('/api/v1/inspections/{id}/photos', { id }, form));
                    } catch (err) {
                      showError(err);
                    }
                  }}
                >
                  <Button icon={<CameraOutlined />}>上传照片</Button>
                </Upload>
              </Space>
            )
          }
        >
          {i.photos.length ? (
            <Image.PreviewGroup>
              <Space wrap size={12}>
                {i.photos.map((p) => (
                  <figure key={p.id} className="inspection-photo">
                    <Image
                      width={200}
                      src={apiUrl('/api/v1/inspections/{id}/photos/{photoId}', { id, photoId: p.id }, { thumbnail: '1' })}
                      preview={{ src: apiUrl('/api/v1/inspections/{id}/photos/{photoId}', { id, photoId: p.id }) }}
                      alt={p.place}
                    />
                    <figcaption>
                      {dayjs(p.takenAt).format('YYYY-MM-DD HH:mm')} · {p.place}
                    </figcaption>
                  </figure>
                ))}
              </Space>
            </Image.PreviewGroup>
          ) : (
            <Empty description="没有照片" />
          )}
        </Card>
        <Card
          title="发现的情况"
          extra={
            open && (
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                记录发现
              </Button>
            )
          }
        >
          <Table<Finding>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={i.findings}
            columns={findingColumns}
            // On a phone the columns wrap, so the rectification item and its deadline stay in sight.
            scroll={phone ? undefined : { x: 700 }}
          />
        </Card>
      </Space>
      {adding && (
        <FormModal<{ grade: Finding['grade']; content: string; ownerUnitId?: number; ownerName?: string; deadline?: dayjs.Dayjs }>
          title="记录发现的情况"
          okText="记录"
          initialValues={{ grade: 'problem', ownerUnitId: i.unitId }}
          onClose={() => setAdding(false)}
          onSubmit={async (v) => {
            set(
              await call(
                api.POST('/api/v1/inspections/{id}/findings', {
                  params: { path: { id } },
                  body: {
                    grade: v.grade,
                    content: v.content,
                    ownerUnitId: v.grade === 'good' ? null : (v.ownerUnitId ?? null),
                    ownerName: v.ownerName ?? '',
                    deadline: v.grade === 'good' || !v.deadline ? null : v.deadline.format('YYYY-MM-DD'),
                  },
                }),
              ),
            );
          }}
        >
          <Form.Item name="grade" label="等次">
            <Radio.Group options={(['good', 'problem', 'serious'] as const).map((g) => ({ value: g, label: FINDING_GRADE_LABELS[g] }))} />
          </Form.Item>
          <Form.Item name="content" label="发现的情况" rules={[{ required: true, message: '请填写发现的情况' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.grade !== b.grade}>
            {({ getFieldValue }) =>
              getFieldValue('grade') !== 'good' && (
                <>
                  <Form.Item name="ownerUnitId" label="整改责任单位">
                    <UnitTreeSelect />
                  </Form.Item>
                  <Form.Item name="ownerName" label="责任人">
                    <Input />
                  </Form.Item>
                  <Form.Item name="deadline" label="整改时限">
                    <DatePicker />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
