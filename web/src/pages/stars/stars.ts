// Shared by the stars pages: types from the generated client, the month arithmetic the forms need, status colours.
import type { Schemas } from '../../api';
import type { HighlightStatus, StarStatus } from '../../labels';

export type Nomination = Schemas['StarNomination'];
export type StarMonth = Schemas['StarMonth'];
export type Highlight = Schemas['HighlightNomination'];

export const STAR_STATUS_COLORS: Record<StarStatus, string> = {
  nominated: 'blue',
  shortlisted: 'gold',
  rejected: 'default',
  awarded: 'red',
  not_awarded: 'default',
};
export const HIGHLIGHT_STATUS_COLORS: Record<HighlightStatus, string> = { nominated: 'blue', selected: 'red', not_selected: 'default' };

export const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
export const halfOf = (month: string) => `${month.slice(0, 4)}-H${Number(month.slice(5, 7)) <= 6 ? 1 : 2}`;
export const previousHalf = (half: string) => (half.endsWith('H2') ? `${half.slice(0, 4)}-H1` : `${Number(half.slice(0, 4)) - 1}-H2`);
export const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
export const halfText = (half: string) => `${half.slice(0, 4)}年${half.endsWith('H1') ? '上' : '下'}半年`;
export const periodText = (p: string) => (p.includes('H') ? halfText(p) : monthText(p));

export const voteText = (n: Nomination) =>
  n.method === 'vote' ? `投票表决：赞成 ${n.votesFor}、反对 ${n.votesAgainst}、弃权 ${n.votesAbstain}` : n.method === 'meeting' ? '会议研究' : '';
