import { Tag } from 'antd';
import { CADRE_GRADE_LABELS, type CadreGrade } from '@shared/labels';

const GRADE_COLORS: Record<CadreGrade, string> = { good: 'green', fairly_good: 'blue', average: 'orange', poor: 'red' };

export const GradeTag = ({ grade }: { grade: CadreGrade }) => <Tag color={GRADE_COLORS[grade]}>{CADRE_GRADE_LABELS[grade]}</Tag>;

// '2026-W15' → 2026年第15周
export const weekLabel = (week: string) => `${week.slice(0, 4)}年第${Number(week.slice(6))}周`;

// '2026-Q3' → 2026年第三季度
export const quarterLabel = (quarter: string) => `${quarter.slice(0, 4)}年第${'一二三四'[Number(quarter.slice(6)) - 1]}季度`;

// The quarter holding a 'YYYY-MM' month.
export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

// The last quarter that has ended before `month` began or during it: the one the committee confirms now.
export function lastEndedQuarter(month: string): string {
  const q = Math.ceil(Number(month.slice(5, 7)) / 3);
  const year = Number(month.slice(0, 4));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}
