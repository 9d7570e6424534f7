import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Input, List, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { STUDY_KIND_LABELS } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { ErrorAlert, useShowError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { ColourTag, MakeupModal, STUDY_KEY } from './StudyPage';

type Detail = Schemas['StudySessionDetail'];

// One study session: its details and attendance; a planned one's attendance is taken here (everyone on the unit's
// roll is ticked present; untick the absent and give a reason).
export default function StudySessionPage() {
  const id = Number(useParams().id);
  const data = useQuery({ queryKey: [...STUDY_KEY, 'session', id], queryFn: () => call(api.GET('/api/v1/study/sessions/{id}', { params: { path: { id } } })) });
  const s = data.data;
  return (
    <>
      <PageHeader
        title={s?.title ?? '学习活动'}
        section="党建学习"
        parents={[{ title: '学习台账', to: '/study' }]}
        tags={s && <ColourTag colour={s.colour} />}
      />
      {data.error && <ErrorAlert error={data.error} />}
      {!s ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'u', label: '单位', children: s.unitName },
                { key: 'k', label: '类型', children: STUDY_KIND_LABELS[s.kind] },
                { key: 'd', label: '日期', children: s.day },
                { key: 'p', label: '地点', children: s.place || '—' },
                { key: 't', label: '学习内容', children: s.topic || '—' },
                {
                  key: 'a',
                  label: '出勤',
                  children: s.status === 'held' ? `实到 ${s.attended} 人，缺席 ${s.absent} 人，待补学 ${s.openMakeups} 人` : '尚未登记',
                },
              ]}
            />
          </Card>
          {s.status === 'planned' && s.mayManage ? <TakeAttendance session={s} /> : <AttendanceList session={s} />}
        </Space>
      )}
    </>
  );
}

function TakeAttendance({ session }: { session: Detail }) {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [present, setPresent] = useState<number[]>(session.roster.map((p) => p.id));
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [saving, setSaving] = useState(false);
  async function save() {
    setSaving(true);
    try {
      const absent = session.roster.filter((p) => !present.includes(p.id)).map((p) => ({ personId: p.id, reason: reasons[p.id] ?? '' }));
      await call(api.POST('/api/v1/study/sessions/{id}/attendance', { params: { path: { id: session.id } }, body: { version: session.version, absent } }));
      await queryClient.invalidateQueries({ queryKey: STUDY_KEY });
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Card title={`登记出勤（本单位在册 ${session.roster.length} 人）`}>
      <Alert style={{ marginBottom: 12 }} type="info" showIcon message="默认全部出席；取消勾选缺席人员并填写原因。缺席人员将收到补学提醒，须在两周内补学。" />
      <Checkbox.Group value={present} onChange={(v) => setPresent(v)} style={{ width: '100%' }}>
        <List
          dataSource={session.roster}
          renderItem={(p) => (
            <List.Item>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Checkbox value={p.id}>
                  {p.name} <span style={{ color: '#888' }}>{p.title}</span>
                </Checkbox>
                {!present.includes(p.id) && (
                  <Input
                    aria-label={`${p.name}缺席原因`}
                    placeholder="缺席原因"
                    maxLength={200}
                    value={reasons[p.id] ?? ''}
                    onChange={(e) => setReasons({ ...reasons, [p.id]: e.target.value })}
                  />
                )}
              </Space>
            </List.Item>
          )}
        />
      </Checkbox.Group>
      <Button type="primary" block loading={saving} onClick={() => void save()} style={{ marginTop: 12 }}>
        保存出勤（出席 {present.length} 人，缺席 {session.roster.length - present.length} 人）
      </Button>
    </Card>
  );
}

function AttendanceList({ session }: { session: Detail }) {
  const [doing, setDoing] = useState<{ id: number; sessionTitle: string } | null>(null);
  return (
    <Card title="出勤">
      <List
        dataSource={session.attendance}
        locale={{ emptyText: '尚未登记出勤' }}
        renderItem={(a) => (
          <List.Item
            actions={
              !a.present && !a.madeUpOn && session.mayManage
                ? [
                    <Button key="m" size="small" onClick={() => setDoing({ id: a.id, sessionTitle: `${session.title}（${a.name}）` })}>
                      代为登记补学
                    </Button>,
                  ]
                : []
            }
          >
            <Space wrap size={4}>
              {a.name}
              {a.present ? (
                <Tag color="green">出席</Tag>
              ) : a.madeUpOn ? (
                <Tag color="green">已于 {a.madeUpOn} 补学</Tag>
              ) : (
                <Tag color="red">缺席 · {a.makeupDue} 前补学</Tag>
              )}
              {a.absenceReason && <span style={{ color: '#888' }}>{a.absenceReason}</span>}
            </Space>
          </List.Item>
        )}
      />
      {doing && <MakeupModal item={doing} onClose={() => setDoing(null)} />}
    </Card>
  );
}
