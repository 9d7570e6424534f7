import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Result, Row, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call, type Schemas } from '../../api';
import { CHASING_SHEET_KINDS } from '../../chasing';
import { Chart } from '../../components/Chart';
import { errorMessage } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { SheetKindTag } from '../../components/SheetKindTag';
import { COLOUR_HEX, COLOUR_LABELS, COLOURS, REVIEW_GROUP_LABELS, REVIEW_GROUPS } from '../../labels';
import { AXIS_LABEL, monthLabel, TOOLTIP } from '../home/figures';
import './cockpit.css';

type Cockpit = Schemas['Cockpit'];

const rate = (v: number | null) => (v === null ? '—' : `${v}%`);

// One headline figure; the whole card opens the ledger rows behind it.
function Figure({ label, value, note, to, colour }: { label: string; value: ReactNode; note?: ReactNode; to: string; colour?: string }) {
  return (
    <Link to={to} className="cockpit-figure" aria-label={`${label}，查看事项`}>
      <div className="cockpit-figure-label">{label}</div>
      <div className="cockpit-figure-value" style={colour ? { color: colour } : undefined}>
        {value}
      </div>
      {note && <div className="cockpit-figure-note">{note}</div>}
    </Link>
  );
}

function Panel({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} variant="borderless" className="cockpit-panel">
      {children}
    </Card>
  );
}

function Colours({ c }: { c: Cockpit }) {
  const navigate = useNavigate();
  return (
    <Panel title="亮灯分布" extra={<Link to="/tasks">工作台账</Link>}>
      <Chart
        label="各亮灯颜色的事项数"
        height={260}
        onClick={(e) => navigate(`/tasks?colour=${COLOURS[e.dataIndex]}`)}
        option={{
          grid: { left: 4, right: 4, top: 24, bottom: 4, containLabel: true },
          tooltip: TOOLTIP,
          xAxis: { type: 'category', data: COLOURS.map((k) => COLOUR_LABELS[k]), axisLabel: { ...AXIS_LABEL, fontSize: 14 } },
          yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
          series: [
            {
              type: 'bar',
              name: '事项数',
              data: COLOURS.map((k) => ({ value: c.counts[k], itemStyle: { color: COLOUR_HEX[k], borderRadius: [3, 3, 0, 0] } })),
              barMaxWidth: 48,
              label: { show: true, position: 'top', fontSize: 14 },
            },
          ],
        }}
      />
    </Panel>
  );
}

function OverdueUnits({ c }: { c: Cockpit }) {
  const navigate = useNavigate();
  const rows = c.overdueByUnit.slice(0, 12);
  return (
    <Panel title={`各单位逾期未完成（${c.counts.red}）`} extra={<Link to="/tasks?overdue=true">查看全部</Link>}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有逾期未完成的事项" />
      ) : (
        <Chart
          label="各牵头单位逾期未完成事项数"
          height={Math.max(260, rows.length * 26 + 16)}
          onClick={(e) => {
            const unit = rows[e.dataIndex];
            if (unit) navigate(`/tasks?unitId=${unit.unitId}&leadOnly=true&overdue=true`);
          }}
          option={{
            grid: { left: 4, right: 32, top: 4, bottom: 4, containLabel: true },
            tooltip: TOOLTIP,
            xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
            yAxis: { type: 'category', inverse: true, data: rows.map((u) => u.unitName), axisLabel: { ...AXIS_LABEL, width: 130, overflow: 'truncate' } },
            series: [
              {
                type: 'bar',
                name: '逾期未完成',
                data: rows.map((u) => u.overdue),
                itemStyle: { color: COLOUR_HEX.red, borderRadius: [0, 3, 3, 0] },
                barMaxWidth: 16,
                label: { show: true, position: 'right' },
              },
            ],
          }}
        />
      )}
    </Panel>
  );
}

function Trend({ c }: { c: Cockpit }) {
  const navigate = useNavigate();
  return (
    <Panel title="月度走势（近十二个月）" extra={<Link to="/figures">月度指标</Link>}>
      <Chart
        label="近十二个月每月交办、销号、逾期未完成事项数和完成率"
        height={280}
        onClick={(e) => {
          const m = c.trend[e.dataIndex];
          if (m) navigate(`/tasks?period=${m.period}${e.seriesIndex === 1 ? '&status=closed' : e.seriesIndex === 2 ? '&overdue=true' : ''}`);
        }}
        option={{
          grid: { left: 4, right: 4, top: 36, bottom: 4, containLabel: true },
          tooltip: TOOLTIP,
          legend: { top: 0, itemWidth: 12, itemHeight: 10 },
          xAxis: { type: 'category', data: c.trend.map((m) => monthLabel(m.period)), axisLabel: AXIS_LABEL },
          yAxis: [
            { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
            { type: 'value', min: 0, max: 100, axisLabel: { ...AXIS_LABEL, formatter: '{value}%' }, splitLine: { show: false } },
          ],
          series: [
            { type: 'bar', name: '交办', data: c.trend.map((m) => m.issued), itemStyle: { color: COLOUR_HEX.blue }, barMaxWidth: 16 },
            { type: 'bar', name: '销号', data: c.trend.map((m) => m.closedOnTime + m.closedLate), itemStyle: { color: COLOUR_HEX.green }, barMaxWidth: 16 },
            { type: 'bar', name: '逾期未完成', data: c.trend.map((m) => m.overdue), itemStyle: { color: COLOUR_HEX.red }, barMaxWidth: 16 },
            { type: 'line', name: '完成率', yAxisIndex: 1, data: c.trend.map((m) => m.closeRate), itemStyle: { color: '#d48806' } },
          ],
        }}
      />
    </Panel>
  );
}

const RANK_ROWS = 8;

function Ranking({ c }: { c: Cockpit }) {
  const ranking = c.ranking;
  if (!ranking) {
    return (
      <Panel title="月度排名">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无公布的月度点评" />
      </Panel>
    );
  }
  const to = `/reviews?period=${ranking.period}`;
  return (
    <Panel title={`${monthLabel(ranking.period)}排名`} extra={<Link to={to}>月度点评</Link>}>
      <Row gutter={16}>
        {REVIEW_GROUPS.map((g) => {
          const rows = ranking.rows.filter((r) => r.group === g).sort((a, b) => a.rank - b.rank);
          return (
            <Col span={12} key={g}>
              <Typography.Text strong>{REVIEW_GROUP_LABELS[g]}</Typography.Text>
              <ol className="cockpit-ranking">
                {rows.slice(0, RANK_ROWS).map((r) => (
                  <li key={r.unitId}>
                    <Link to={to}>
                      <span className="cockpit-rank">{r.rank}</span>
                      <span className="cockpit-rank-name">{r.unitName}</span>
                      <span className="cockpit-rank-score">{(r.score / 100).toFixed(2)}</span>
                    </Link>
                  </li>
                ))}
                {rows.length === 0 && <li className="cockpit-rank-none">无</li>}
              </ol>
            </Col>
          );
        })}
      </Row>
    </Panel>
  );
}

function Sheets({ c }: { c: Cockpit }) {
  return (
    <Panel title={`本月督办单（${c.sheets.total}）`} extra={<Link to="/chasing">督办看板</Link>}>
      <div className="issued-sheets">
        {CHASING_SHEET_KINDS.map((kind) => (
          <Link key={kind} to={`/chasing?kind=${kind}`} className="issued-sheet" data-kind={kind}>
            <SheetKindTag kind={kind} />
            <span className="issued-sheet-count">{c.sheets.counts[kind] ?? 0}</span>
          </Link>
        ))}
      </div>
    </Panel>
  );
}

const PROJECT_ROWS = 12;

// The key projects' investment this year, planned against done, each bar opening its project.
function Projects({ c }: { c: Cockpit }) {
  const navigate = useNavigate();
  const p = c.projects;
  const rows = [...p.rows].sort((a, b) => b.plannedThisYear - a.plannedThisYear).slice(0, PROJECT_ROWS);
  const lights = COLOURS.filter((k) => p.counts[k] > 0)
    .map((k) => `${COLOUR_LABELS[k]} ${p.counts[k]}`)
    .join('，');
  return (
    <Panel title={`重点项目投资进度（${p.total} 个项目${lights ? `：${lights}` : ''}）`} extra={<Link to="/projects">重点项目库</Link>}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无重点项目" />
      ) : (
        <>
          <Typography.Paragraph type="secondary" className="cockpit-projects-note">
            本年计划投资 {p.plannedThisYear} 万元，已完成 {p.doneThisYear} 万元（{rate(p.yearRate)}）；累计完成 {p.cumulative} 万元，计划总投资{' '}
            {p.totalInvestment} 万元。点击项目查看工序和影像。
          </Typography.Paragraph>
          <Chart
            label="各重点项目本年计划与完成投资（万元）"
            height={Math.max(220, rows.length * 34 + 48)}
            onClick={(e) => {
              const row = rows[e.dataIndex];
              if (row) navigate(`/projects/${row.projectId}`);
            }}
            option={{
              grid: { left: 4, right: 48, top: 28, bottom: 4, containLabel: true },
              tooltip: { ...TOOLTIP, trigger: 'axis' },
              legend: { top: 0, data: ['本年计划', '本年完成'] },
              xAxis: { type: 'value', axisLabel: AXIS_LABEL },
              yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { ...AXIS_LABEL, width: 180, overflow: 'truncate' } },
              series: [
                { type: 'bar', name: '本年计划', data: rows.map((r) => r.plannedThisYear), itemStyle: { color: '#bfcbe0' }, barMaxWidth: 12 },
                {
                  type: 'bar',
                  name: '本年完成',
                  data: rows.map((r) => ({ value: r.doneThisYear, itemStyle: { color: COLOUR_HEX[r.colour] } })),
                  barMaxWidth: 12,
                  label: { show: true, position: 'right' },
                },
              ],
            }}
          />
        </>
      )}
    </Panel>
  );
}

// 领导驾驶舱: the county's (or a leader's portfolio's) figures at a glance; every figure opens the rows behind it.
export default function CockpitPage() {
  const cockpit = useQuery({ queryKey: ['cockpit'], queryFn: () => call(api.GET('/api/v1/cockpit')) });
  const c = cockpit.data;
  return (
    <div className="cockpit">
      <PageHeader
        title="领导驾驶舱"
        subTitle={c ? `${c.county ? '全县' : '分管单位及本人牵头'}的事项，截至 ${c.today}；点击任一数字或图形查看对应事项` : undefined}
      />
      {cockpit.isError ? (
        <Result status="error" title="无法读取驾驶舱数据" subTitle={errorMessage(cockpit.error)} />
      ) : !c ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <>
          <div className="cockpit-figures">
            <Figure label="完成率" value={rate(c.completionRate)} note={`已销号 ${c.closed} / 纳入督办 ${c.chased}`} to="/tasks?status=closed" />
            <Figure label="按时完成率" value={rate(c.onTimeRate)} note={`按时销号 ${c.closedOnTime}，逾期销号 ${c.closedLate}`} to="/tasks?status=closed" />
            <Figure label="全部事项" value={c.total} to="/tasks" />
            <Figure label="红灯（逾期）" value={c.counts.red} to="/tasks?colour=red" colour={COLOUR_HEX.red} />
            <Figure label="黄灯（预警）" value={c.counts.yellow} to="/tasks?colour=yellow" colour="#d48806" />
            <Figure label="逾期销号" value={c.closedLate} to="/tasks?status=closed&closedLate=true" />
          </div>
          <Row gutter={16}>
            <Col xs={24} xl={8}>
              <Colours c={c} />
            </Col>
            <Col xs={24} xl={16}>
              <Trend c={c} />
            </Col>
            <Col xs={24} xl={8}>
              <OverdueUnits c={c} />
            </Col>
            <Col xs={24} xl={10}>
              <Ranking c={c} />
            </Col>
            <Col xs={24} xl={6}>
              <Sheets c={c} />
            </Col>
            <Col xs={24}>
              <Projects c={c} />
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
