import { CarryOutOutlined, DesktopOutlined, DownloadOutlined, EditOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, apiUrl, call, type Schemas } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { FINDING_GRADE_LABELS, INSPECTION_MODE_LABELS, REVIEW_GROUP_LABELS, STATUS_LABELS } from '../../labels';
import { hasRole, useCurrentUser } from '../../session';
import { useServerToday } from '../../tasks';
import { monthText, previousMonth } from '../stars/stars';
import './meeting.css';

type Pack = Schemas['MeetingPack'];
type Note = Schemas['MeetingNote'];

const OUTCOME: Record<Pack['past'][number]['outcome'], { text: string; color: string }> = {
  done: { text: '已按期完成', color: 'green' },
  done_late: { text: '已完成（逾期）', color: 'gold' },
  overdue: { text: '逾期未完成', color: 'red' },
  in_progress: { text: '正在推进', color: 'blue' },
  not_tracked: { text: '未转为任务', color: 'default' },
};
const score = (hundredths: number) => (hundredths / 100).toFixed(2);

function RankList({ rows }: { rows: Pack['ranking'][number]['rows'] }) {
  return (
    <ol className="meeting-list meeting-rank">
      {rows.map((r) => (
        // The rank itself, so tied units share it.
        <li key={r.unitId} value={r.rank}>
          {r.unitName} <Typography.Text type="secondary">{score(r.score)} 分</Typography.Text>
        </li>
      ))}
    </ol>
  );
}

/**
 * The pack's sections, each one slide on the meeting-room screen; there each group's ranking has a slide of its own,
 * so a hundred county units fit the screen.
 */
function sections(pack: Pack, slides = false): { key: string; title: string; body: ReactNode }[] {
  const ranking = slides
    ? pack.ranking.map((g) => ({ key: `ranking-${g.group}`, title: `一、本月排名（${REVIEW_GROUP_LABELS[g.group]}）`, body: <RankList rows={g.rows} /> }))
    : [
        {
          key: 'ranking',
          title: '一、本月排名',
          body: (
            <div className="meeting-columns">
              {pack.ranking.map((g) => (
                <div key={g.group}>
                  <Typography.Title level={4}>{REVIEW_GROUP_LABELS[g.group]}</Typography.Title>
                  <RankList rows={g.rows} />
                </div>
              ))}
            </div>
          ),
        },
      ];
  const empty = (description: string) => <Empty image={slides ? undefined : Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
  return [
    ...ranking,
    {
      key: 'red',
      title: '二、红灯事项（逾期未完成）',
      body: pack.red.length ? (
        <ul className="meeting-list">
          {pack.red.map((u) => (
            <li key={u.unitId}>
              <Typography.Text strong>{u.unitName}</Typography.Text> <Tag color="red">{u.tasks.length} 项</Tag>
              <ul>
                {u.tasks.map((t) => (
                  <li key={t.id}>
                    <Link to={`/tasks/${t.id}`}>{t.title}</Link> <Typography.Text type="secondary">时限 {t.deadline}</Typography.Text>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : (
        empty('没有红灯事项')
      ),
    },
    {
      key: 'lottery',
      title: '三、抽签汇报单位',
      body: pack.lottery.length ? (
        <ul className="meeting-list">
          {pack.lottery.map((d) => (
            <li key={d.unitId}>
              <Typography.Text strong>
                {REVIEW_GROUP_LABELS[d.group]} 第 {d.order} 位：{d.unitName}
              </Typography.Text>
              <div>{d.mustReport}</div>
            </li>
          ))}
        </ul>
      ) : (
        empty('本月尚未抽签')
      ),
    },
    {
      key: 'bottom',
      title: '四、表态发言',
      body: pack.bottom.length ? (
        <ul className="meeting-list">
          {pack.bottom.map((b) => (
            <li key={b.group}>
              {REVIEW_GROUP_LABELS[b.group]}：{b.units.map((u) => u.unitName).join('、')} {!b.confirmed && <Tag>建议名单，待确认</Tag>}
            </li>
          ))}
        </ul>
      ) : (
        empty('本月无须表态发言')
      ),
    },
    {
      key: 'stars',
      title: '五、评星',
      body: (
        <div className="meeting-columns">
          <div>
            <Typography.Title level={4}>单位之星 · 干部之星 · 亮点工作</Typography.Title>
            {pack.honours.length ? (
              <ul className="meeting-list">
                {pack.honours.map((h, i) => (
                  <li key={i}>
                    {h.unitName}：{h.label}
                  </li>
                ))}
              </ul>
            ) : (
              <Typography.Text type="secondary">本月尚未评定</Typography.Text>
            )}
          </div>
          <div>
            <Typography.Title level={4}>县领导星级（建议）</Typography.Title>
            {pack.leaderStars.some((l) => l.stars !== null) ? (
              <ul className="meeting-list">
                {pack.leaderStars
                  .filter((l) => l.stars !== null)
                  .map((l) => (
                    <li key={l.leaderName}>
                      {l.leaderName}（{l.position}）：{'★'.repeat(l.stars!)}
                    </li>
                  ))}
              </ul>
            ) : (
              <Typography.Text type="secondary">本月尚无星级建议</Typography.Text>
            )}
          </div>
        </div>
      ),
    },
    {
      key: 'past',
      title: '六、上次会议承诺落实情况',
      body: pack.past.length ? (
        <ul className="meeting-list">
          {pack.past.map((c) => (
            <li key={c.id}>
              <Typography.Text strong>{c.unitName}</Typography.Text>：{c.content}（承诺 {c.dueDate} 前）{' '}
              <Tag color={OUTCOME[c.outcome].color}>{OUTCOME[c.outcome].text}</Tag>
              {c.task && <Link to={`/tasks/${c.task.id}`}>事项 #{c.task.id}</Link>}
            </li>
          ))}
          {pack.instructions.map((i) => (
            <li key={`i${i.id}`}>
              <Typography.Text type="secondary">
                {i.leaderName}批示：{i.content}
              </Typography.Text>
            </li>
          ))}
        </ul>
      ) : (
        empty('上次会议没有承诺')
      ),
    },
    {
      key: 'findings',
      title: '七、督查检查发现',
      body: pack.findings.length ? (
        <ul className="meeting-list">
          {pack.findings.map((u) => (
            <li key={u.unitId}>
              <Typography.Text strong>{u.unitName}</Typography.Text>
              {[...u.problems, ...u.good].map((f, i) => (
                <div key={i}>
                  <Tag color={f.grade === 'good' ? 'green' : f.grade === 'serious' ? 'red' : 'orange'}>{FINDING_GRADE_LABELS[f.grade]}</Tag>
                  {INSPECTION_MODE_LABELS[f.mode]}“{f.subject}”：{f.content}
                  {f.taskId !== null && (
                    <>
                      {' '}
                      <Link to={`/tasks/${f.taskId}`}>整改事项 #{f.taskId}</Link>（限 {f.deadline}）
                    </>
                  )}
                </div>
              ))}
            </li>
          ))}
        </ul>
      ) : (
        empty('本月无已归档的明察暗访发现')
      ),
    },
  ];
}

function Slides({ pack, onClose }: { pack: Pack; onClose: () => void }) {
  const list = sections(pack, true);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') setIndex((i) => Math.min(i + 1, list.length - 1));
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') setIndex((i) => Math.max(i - 1, 0));
      else if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list.length, onClose]);
  const s = list[index]!;
  return (
    <div className="meeting-slides" role="dialog" aria-label="放映">
      <div className="meeting-slide-head">
        <span>
          {monthText(pack.period)}月点评会 · {pack.meetingDate}
        </span>
        <span>
          {index + 1} / {list.length}
        </span>
      </div>
      <h1>{s.title}</h1>
      <div className="meeting-slide-body">{s.body}</div>
      <div className="meeting-slide-foot">
        <Button size="large" icon={<LeftOutlined />} disabled={index === 0} onClick={() => setIndex(index - 1)}>
          上一页
        </Button>
        <Button size="large" onClick={onClose}>
          退出放映
        </Button>
        <Button size="large" type="primary" disabled={index === list.length - 1} onClick={() => setIndex(index + 1)}>
          下一页 <RightOutlined />
        </Button>
      </div>
    </div>
  );
}

interface NoteFields {
  content: string;
  leaderName?: string;
  unitId?: number;
  dueDate?: string;
  taskId?: string;
}

export default function MeetingPage() {
  const me = useCurrentUser();
  const isOffice = hasRole(me, 'office');
  const thisMonth = useServerToday().slice(0, 7);
  const [period, setPeriod] = useState(previousMonth(thisMonth));
  const [showing, setShowing] = useState(false);
  const [dialog, setDialog] = useState<'instruction' | 'commitment' | 'date' | null>(null);
  const queryClient = useQueryClient();
  const meeting = useQuery({ queryKey: ['meeting', period], queryFn: () => call(api.GET('/api/v1/meetings/{period}', { params: { path: { period } } })) });
  const pack = useQuery({
    queryKey: ['meeting', period, 'pack'],
    enabled: meeting.data?.available === true,
    queryFn: () => call(api.GET('/api/v1/meetings/{period}/pack', { params: { path: { period } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['meeting'] });
  const months = [thisMonth, previousMonth(thisMonth), previousMonth(previousMonth(thisMonth)), previousMonth(previousMonth(previousMonth(thisMonth)))];

  const columns: TableColumnsType<Note> = [
    { title: '类别', key: 'kind', width: 90, render: (_, n) => (n.kind === 'instruction' ? <Tag color="purple">领导批示</Tag> : <Tag color="blue">承诺</Tag>) },
    { title: '内容', dataIndex: 'content' },
    {
      title: '领导 / 单位',
      key: 'who',
      width: 160,
      render: (_, n) => (n.kind === 'instruction' ? n.leaderName : n.unitName),
    },
    { title: '时限', dataIndex: 'dueDate', width: 110, render: (d: string | null) => d ?? '—' },
    {
      title: '事项',
      key: 'task',
      width: 220,
      render: (_, n) => (
        <Space orientation="vertical" size={0}>
          {n.taskId && <Link to={`/tasks/${n.taskId}`}>针对：{n.taskTitle}</Link>}
          {n.createdTask && (
            <span>
              <Link to={`/tasks/${n.createdTask.id}`}>已转为事项 #{n.createdTask.id}</Link> <Tag>{STATUS_LABELS[n.createdTask.status]}</Tag>
            </span>
          )}
          {isOffice && n.kind === 'commitment' && !n.createdTask && (
            <Button
              size="small"
              icon={<CarryOutOutlined />}
              onClick={async () => {
                await call(api.POST('/api/v1/meetings/notes/{id}/task', { params: { path: { id: n.id } }, body: { version: n.version } }));
                await refresh();
              }}
            >
              转为任务
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const m = meeting.data;
  return (
    <>
      <PageHeader
        title="月点评会"
        section="考核评价"
        subTitle="会前两个工作日生成会议材料；会上记录领导批示和承诺，承诺转为任务后照常督办"
        extra={
          <Space wrap>
            <Select value={period} onChange={setPeriod} style={{ width: 170 }} options={months.map((p) => ({ value: p, label: `${monthText(p)}点评会` }))} />
            <Button icon={<DownloadOutlined />} disabled={!pack.data} href={apiUrl('/api/v1/meetings/{period}/pack.docx', { period })} download>
              下载会议材料（Word）
            </Button>
            <Button type="primary" icon={<DesktopOutlined />} disabled={!pack.data} onClick={() => setShowing(true)}>
              放映
            </Button>
          </Space>
        }
      />
      {m && (
        <Card variant="borderless" style={{ marginBottom: 16 }}>
          <Space wrap>
            <span>
              会议日期：<Typography.Text strong>{m.meetingDate}</Typography.Text>
              {m.isDefault && <Typography.Text type="secondary">（默认：次月第二个工作日）</Typography.Text>}
            </span>
            <span>材料生成日：{m.opensOn}</span>
            {isOffice && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setDialog('date')}>
                设定会议日期
              </Button>
            )}
          </Space>
        </Card>
      )}
      {m && !m.available && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`${monthText(period)}点评会定于 ${m.meetingDate} 召开，会议材料于会前两个工作日（${m.opensOn}）起生成`}
        />
      )}
      {pack.error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={pack.error.message} />}
      {pack.data && (
        <div className="meeting-sections">
          {sections(pack.data).map((s) => (
            <Card key={s.key} title={s.title} variant="borderless" style={{ marginBottom: 16 }}>
              {s.body}
            </Card>
          ))}
        </div>
      )}
      <Card
        title="领导批示与承诺"
        variant="borderless"
        extra={
          isOffice && (
            <Space>
              <Button onClick={() => setDialog('instruction')}>记录领导批示</Button>
              <Button type="primary" onClick={() => setDialog('commitment')}>
                记录承诺
              </Button>
            </Space>
          )
        }
      >
        <Table<Note>
          rowKey="id"
          loading={meeting.isFetching}
          dataSource={m?.notes}
          columns={columns}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未记录" /> }}
        />
      </Card>
      {showing && pack.data && <Slides pack={pack.data} onClose={() => setShowing(false)} />}
      {dialog === 'date' && m && (
        <FormModal<{ meetingDate: string }>
          title={`设定${monthText(period)}点评会日期`}
          initialValues={{ meetingDate: m.meetingDate }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            await call(api.PUT('/api/v1/meetings/{period}/date', { params: { path: { period } }, body: { meetingDate: v.meetingDate, version: m.version } }));
            await refresh();
          }}
        >
          <Form.Item name="meetingDate" label="会议日期" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按 YYYY-MM-DD 填写' }]}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </FormModal>
      )}
      {(dialog === 'instruction' || dialog === 'commitment') && (
        <FormModal<NoteFields>
          title={dialog === 'instruction' ? '记录领导批示' : '记录承诺'}
          okText="记录"
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            const taskId = v.taskId ? Number(v.taskId) : null;
            await call(
              api.POST('/api/v1/meetings/{period}/notes', {
                params: { path: { period } },
                body: { kind: dialog, content: v.content, leaderName: v.leaderName ?? '', unitId: v.unitId ?? null, dueDate: v.dueDate ?? null, taskId },
              }),
            );
            await refresh();
          }}
        >
          <Form.Item
            name="content"
            label={dialog === 'instruction' ? '批示内容' : '承诺事项'}
            rules={[{ required: true, whitespace: true, message: '请填写内容' }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          {dialog === 'instruction' ? (
            <Form.Item name="leaderName" label="批示领导" rules={[{ required: true, whitespace: true, message: '请填写作出批示的领导' }]}>
              <Input maxLength={50} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="unitId" label="承诺单位" rules={[{ required: true, message: '请选择作出承诺的单位' }]}>
                <UnitTreeSelect />
              </Form.Item>
              <Form.Item name="dueDate" label="完成时限" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按 YYYY-MM-DD 填写' }]}>
                <Input placeholder="YYYY-MM-DD" />
              </Form.Item>
            </>
          )}
          <Form.Item name="taskId" label="针对的台账事项编号（可选）" rules={[{ pattern: /^\d{1,9}$/, message: '请填写事项编号' }]}>
            <Input placeholder="如 128" />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
