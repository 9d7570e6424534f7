import { Col, Row } from 'antd';
import { useServerToday } from '../../tasks';
import { UnitsSideBySide } from './HomeCharts';
import { LeaderApprovals } from './Waiting';

// A leader's units side by side this month, and what waits for his decision.
export default function LeaderHome() {
  const today = useServerToday();
  return (
    <Row gutter={16}>
      <Col xs={24} xl={10}>
        <LeaderApprovals />
      </Col>
      <Col xs={24} xl={14}>
        <UnitsSideBySide period={today.slice(0, 7)} />
      </Col>
    </Row>
  );
}
