// 站内消息: shapes returned by /api/v1/inbox…, and opening a message (mark it read, then go where it points).
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, call, type Json, type Schemas } from './api';
import { SHEET_KIND_LABELS, type SheetKind } from './labels';

export type InboxMessage = Schemas['InboxMessage'];
export type InboxPage = Json<'/api/v1/inbox', 'get'>;

export const INBOX_KEY = ['inbox'];
export const UNREAD_KEY = [...INBOX_KEY, 'unread-count'];

// What a message is about, from its kind ("sheet.warning", "interview.propose", "plan.issued" …).
export function messageCategory(kind: string): { label: string; color: string } {
  const [head, tail = ''] = kind.split('.');
  switch (head) {
    case 'sheet':
      return { label: SHEET_KIND_LABELS[tail as SheetKind] ?? '督办单', color: tail === 'urge' ? 'gold' : tail === 'assignment' ? 'blue' : 'red' };
    case 'interview':
      return { label: '约谈', color: 'purple' };
    case 'plan':
      return { label: '月度计划', color: 'cyan' };
    case 'closing':
      return { label: '销号', color: 'green' };
    case 'task':
      return { label: tail.startsWith('carry_over') ? '挂单' : '事项', color: 'geekblue' };
    case 'audit':
      return { label: '审计告警', color: 'red' };
    default:
      return { label: '通知', color: 'default' };
  }
}

// Opening a message marks it read and follows its link, if any.
export function useOpenMessage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (m: InboxMessage) => {
    // Marking read is a courtesy: if it fails, the message still opens.
    if (!m.readAt) {
      await call(api.POST('/api/v1/inbox/{id}/read', { params: { path: { id: m.id } } })).catch(() => undefined);
      void queryClient.invalidateQueries({ queryKey: INBOX_KEY });
    }
    if (m.link) navigate(m.link);
  };
}

export async function markAllRead(): Promise<number> {
  return (await call(api.POST('/api/v1/inbox/read-all'))).updated;
}
