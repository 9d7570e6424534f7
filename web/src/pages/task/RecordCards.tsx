import { CheckCircleOutlined, FileTextOutlined, FileWordOutlined } from '@ant-design/icons';
import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { apiUrl } from '../../api';
import { SheetKindTag } from '../../components/SheetKindTag';
import { SignSheetButton, UrgeTaskButton, useSignsFor } from '../../components/TaskChasing';
import { SHEET_KIND_HEX } from '../../chasing';
import { eventLabel, STATUS_LABELS, type SheetKind } from '../../labels';
import { type TaskDetail, type TaskEvent } from '../../tasks';
import { formatTime } from '../../time';

// ---- 交办单 and 历程

export function SheetsCard({ task: t }: { task: TaskDetail }) {
  const signsFor = useSignsFor(t);
  return (
    <Card
      title={
        <Space size={6}>
          {`督办单据（${t.sheets.length}）`}
          {t.importedHistory && (
            <Tag color="default" title="从旧台账导入、完成时限已过的历史事项，不签发催办、预警等督办单">
              历史事项
            </Tag>
          )}
        </Space>
      }
      variant="borderless"
      style={{ marginBottom: 16 }}
      extra={<UrgeTaskButton task={t} />}
    >
      {t.sheets.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="交办后自动生成工作交办单" />
      ) : (
        <div className="sheet-list">
          {[...t.sheets].reverse().map((s) => (
            <div key={s.id} className="sheet-item" data-kind={s.kind} style={{ borderLeftColor: SHEET_KIND_HEX[s.kind as SheetKind] }}>
              <div className="sheet-head">
                <Space size={8}>
                  <FileTextOutlined style={{ color: SHEET_KIND_HEX[s.kind as SheetKind] ?? '#c8102e' }} />
                  <SheetKindTag kind={s.kind} />
                  <span className="sheet-number">{s.number}</span>
                </Space>
                <a href={apiUrl('/api/v1/tasks/{id}/sheets/{sheetId}/docx', { id: t.id, sheetId: s.id })} download>
                  <FileWordOutlined /> 下载Word
                </a>
                {s.kind !== 'assignment' && !s.signedAt && signsFor && <SignSheetButton task={t} sheet={s} />}
              </div>
              <div className="sheet-times">
                {s.content.due && (
                  <div>
                    所催时限：{s.content.due}
                    {s.provisional && (
                      <Tag color="orange" style={{ marginInlineStart: 6 }} title="该年份尚未录入法定节假日，时限按周一至周五暂定计算">
                        暂定
                      </Tag>
                    )}
                  </div>
                )}
                {s.points !== null && <Typography.Text type="danger">扣减绩效考核得分 {s.points} 分</Typography.Text>}
                {s.content.note && <div className="sheet-reason">催办说明：{s.content.note}</div>}
                <div>下发：{formatTime(s.issuedAt)}</div>
                {s.signedAt && <div>签收：{formatTime(s.signedAt)}</div>}
                {s.declinedAt && (
                  <div>
                    <Typography.Text type="danger">退回：{formatTime(s.declinedAt)}</Typography.Text>
                    {s.declineReason && <div className="sheet-reason">原因：{s.declineReason}</div>}
                  </div>
                )}
                {!s.signedAt && !s.declinedAt && <Tag color="warning">待签收</Tag>}
              </div>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

const EVENT_COLORS: Record<string, string> = {
  created: 'gray',
  decomposed: 'gray',
  edited: 'gray',
  assign: 'blue',
  sign: 'cyan',
  report: 'blue',
  close: 'green',
  decline: 'red',
  return: 'red',
  cancel: 'red',
  suspend: 'orange',
};

export function HistoryCard({ events, loading }: { events: TaskEvent[]; loading: boolean }) {
  return (
    <Card title="事项历程" variant="borderless" loading={loading} style={{ marginBottom: 16 }}>
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
      ) : (
        <Timeline
          items={[...events].reverse().map((e) => ({
            key: e.id,
            color: EVENT_COLORS[e.kind] ?? 'blue',
            icon: e.kind === 'close' ? <CheckCircleOutlined /> : undefined,
            content: (
              <div className="history-item">
                <div>
                  <Typography.Text strong>{eventLabel(e.kind)}</Typography.Text>
                  <span className="history-actor">{e.actorName}</span>
                </div>
                <div className="history-time">{formatTime(e.at)}</div>
                {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
                  <div className="history-status">
                    {STATUS_LABELS[e.fromStatus]} → {STATUS_LABELS[e.toStatus]}
                  </div>
                )}
                {e.note && <div className="history-note">{e.note}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
