import { Alert, Card, Col, Descriptions, Row, Skeleton, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useNavigate } from 'react-router';
import { CalendarWarning } from '../components/CalendarWarning';
import { ChasingToday } from '../components/ChasingToday';
import { LogoMark } from '../components/Logo';
import { TaskOverview } from '../components/TaskOverview';
import { DueThisWeek } from './home/DueThisWeek';
import { OwnerReviewWaiting } from './home/Waiting';
import { BUSINESS_ROLES, ROLE_COLORS, ROLE_LABELS, type Role } from '../labels';
import { canOpen, NAV } from '../nav';
import { hasRole, useCurrentUser, useServerNow } from '../session';
import { greeting, todayText } from '../time';

const LINK_DESCRIPTIONS: Record<string, string> = {
  '/tasks': '全部督办事项的亮灯、进度、时限和反馈情况',
  '/units': '全县单位树，单位类型、主要负责人和联络员',
  '/people': '按单位和关键词查询人员、职务和联系电话',
  '/leaders': '县领导职务、分管工作和分管单位',
  '/accounts': '账号开通、停用、重置密码和角色授权',
  '/security-policy': '密码复杂度、更换周期、登录锁定和会话时限',
  '/audit': '查询全部操作记录，校验审计日志完整性',
  '/inbox': '督办单、约谈、月度计划等业务提醒',
  '/chasing': '催办单、预警单、移交问责等督办单据一览，人工催办',
  '/chasing/today': '待签收的督办单和今天到期、已超期的时限',
  '/interviews': '约谈建议、审批、登记和整改承诺，建议调整岗位',
  '/chasing/settings': '13710 时限规则、催办提前工作日、移交宽限期和逾期扣分',
  '/system/calendar': '法定节假日、调休和本县放假安排，工作日推算',
  '/system/channels': '企业微信、钉钉、飞书群机器人和电子邮件推送',
};

// The charts load on their own, so echarts stays out of the first page load.
const OfficeHome = lazy(() => import('./home/OfficeHome'));
const LeaderHome = lazy(() => import('./home/LeaderHome'));

// Roles with a home of their own; the others keep the quick links.
const HOME_ROLES: Role[] = ['office', 'leader', 'unit_head', 'unit_liaison'];

// What each role does here, following the separation of the three administrators (三员分立).
const ROLE_DUTIES: Record<Role, string> = {
  sysadmin: '维护组织机构、人员、县领导和账号；不能授予角色，也不能查阅审计日志。',
  secadmin: '为账号分配角色、解锁账号、设置安全策略；不能开通账号或维护组织机构。',
  auditadmin: '查阅和分析审计日志，校验日志完整性；不能修改或删除任何日志。',
  office: '组织督查督办工作：新建、交办、分解事项，审核销号，可查阅全县工作台账和组织机构。',
  assessment: '负责考核评价工作，可查阅全县工作台账、组织机构、人员和县领导分管情况。',
  leader: '可查阅本人牵头事项和分管单位的工作台账、组织机构和人员情况。',
  discipline: '负责监督问责，可查阅全县工作台账、组织机构和人员情况。',
  unit_head: '负责本单位督办事项的签收、推进、反馈和申请销号，可查阅本单位及下级单位的情况。',
  unit_liaison: '负责本单位督办事项的签收和进度报送，可查阅本单位及下级单位的人员情况。',
  cadre: '可查阅本单位的督办事项并反馈进度，可查阅本单位的组织机构和人员情况。',
};

export default function HomePage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const now = useServerNow();
  const links = hasRole(me, ...HOME_ROLES) ? [] : NAV.filter((item) => item.path !== '/' && canOpen(me, item));
  const charts = hasRole(me, 'office') || hasRole(me, 'leader');

  return (
    <>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
          <LogoMark size={56} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {greeting(now)}，{me.displayName}
            </Typography.Title>
            <Typography.Text type="secondary">今天是 {todayText(now)}，欢迎使用落实 · 督查督办系统。</Typography.Text>
          </div>
        </div>
        <Descriptions style={{ marginTop: 20 }} column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="账号">{me.username}</Descriptions.Item>
          <Descriptions.Item label="所属单位">{me.unit?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="角色">
            {me.roles.length === 0
              ? '未分配'
              : me.roles.map((role) => (
                  <Tag key={role} color={ROLE_COLORS[role]}>
                    {ROLE_LABELS[role]}
                  </Tag>
                ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {hasRole(me, 'sysadmin') && <CalendarWarning />}

      {hasRole(me, 'unit_head', 'unit_liaison') && (
        <>
          <OwnerReviewWaiting />
          <ChasingToday compact />
          <DueThisWeek />
        </>
      )}

      {hasRole(me, ...BUSINESS_ROLES) && (
        <TaskOverview>
          {charts && (
            <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
              {hasRole(me, 'office') && <OfficeHome />}
              {hasRole(me, 'leader') && <LeaderHome />}
            </Suspense>
          )}
        </TaskOverview>
      )}

      {me.roles.length === 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="您的账号尚未分配角色"
          description="新开通的账号需由安全管理员分配角色后才能使用业务功能，请联系安全管理员。"
        />
      )}

      {links.length > 0 && (
        <Card title="快捷入口" variant="borderless" style={{ marginBottom: 16 }}>
          <Row gutter={[16, 16]}>
            {links.map((item) => (
              <Col key={item.path} xs={24} sm={12} lg={8} xl={6}>
                <Card hoverable className="quick-link" onClick={() => navigate(item.path)}>
                  <Card.Meta avatar={item.icon} title={item.label} description={LINK_DESCRIPTIONS[item.path]} />
                </Card>
              </Col>
            ))}
          </Row>
        </Card>
      )}

      {me.roles.length > 0 && (
        <Card title="我的职责" variant="borderless">
          <Descriptions column={1} size="small">
            {me.roles.map((role) => (
              <Descriptions.Item key={role} label={ROLE_LABELS[role]}>
                {ROLE_DUTIES[role]}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}
    </>
  );
}
