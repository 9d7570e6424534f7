import { PlanList } from './PlansPage';

export default function WeeklyPlansPage() {
  return <PlanList kind="weekly" />;
}
