import { Col, Row } from 'antd';
import { useServerToday } from '../../tasks';
import { lastMonths } from './figures';
import { MonthTrend, OverdueByUnit } from './HomeCharts';
import { IssuedSheets } from './IssuedSheets';
import { OfficeWaiting } from './Waiting';

const TREND_MONTHS = 6;

// The office's view at a glance: where work is overdue, how the months went, what waits for it.
export default function OfficeHome() {
  const today = useServerToday();
  const periods = lastMonths(today, TREND_MONTHS);
  return (
    <Row gutter={16}>
      <Col xs={24} xl={8}>
        <OfficeWaiting />
        <IssuedSheets />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <OverdueByUnit period={today.slice(0, 7)} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <MonthTrend periods={periods} />
      </Col>
    </Row>
  );
}
