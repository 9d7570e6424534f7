import { PageHeader } from '../components/PageHeader';
import { ChasingToday } from '../components/ChasingToday';

export default function ChasingTodayPage() {
  return (
    <>
      <PageHeader title="今日待办" section="督查督办" subTitle="收到的督办单请及时签收；13710 时限到期或超期的事项请尽快办理、反馈" />
      <ChasingToday />
    </>
  );
}
