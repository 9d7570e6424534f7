import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BulbOutlined,
  BuildOutlined,
  CalendarOutlined,
  CameraOutlined,
  CarryOutOutlined,
  CommentOutlined,
  ControlOutlined,
  CrownOutlined,
  DashboardOutlined,
  DesktopOutlined,
  EnvironmentOutlined,
  ExceptionOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  FormOutlined,
  FundProjectionScreenOutlined,
  IdcardOutlined,
  NotificationOutlined,
  NumberOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SlidersOutlined,
  StarOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserSwitchOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Me } from './api';
import { ADMIN_ROLES, BUSINESS_ROLES, type Role } from './labels';
import { hasRole } from './session';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  // Menu group; the breadcrumb shows it too.
  section?: string;
  roles: Role[] | 'all';
  page: LazyExoticComponent<ComponentType>;
  // Pages below this entry (e.g. one task under the ledger), open to the same roles; the menu keeps the entry lit.
  children?: { path: string; page: LazyExoticComponent<ComponentType> }[];
}

// Business roles read the organisation; only the system administrator changes it.
const ORG_READERS: Role[] = ['sysadmin', ...BUSINESS_ROLES];
// Who follows the chasing board and the interviews (督办、约谈).
const CHASING_WATCHERS: Role[] = ['office', 'assessment', 'leader', 'discipline'];

const TaskFormPage = lazy(() => import('./pages/TaskFormPage'));
const PlanPage = lazy(() => import('./pages/PlanPage'));
const RecordPage = lazy(() => import('./pages/records/MyRecordsPage'));

export const NAV: NavItem[] = [
  { path: '/', label: '工作台', icon: <DesktopOutlined />, roles: 'all', page: lazy(() => import('./pages/HomePage')) },
  // Every account with a role has an inbox.
  { path: '/inbox', label: '消息中心', icon: <BellOutlined />, roles: [...ADMIN_ROLES, ...BUSINESS_ROLES], page: lazy(() => import('./pages/InboxPage')) },
  {
    path: '/tasks',
    label: '工作台账',
    icon: <FileDoneOutlined />,
    section: '督查督办',
    // Everyone in the business; the three administrators never see tasks (三员分立).
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/LedgerPage')),
    children: [
      { path: '/tasks/new', page: TaskFormPage },
      { path: '/tasks/:id', page: lazy(() => import('./pages/TaskPage')) },
      { path: '/tasks/:id/edit', page: TaskFormPage },
      { path: '/tasks/:id/decompose', page: TaskFormPage },
    ],
  },
  {
    path: '/closing-requests',
    label: '销号审核',
    icon: <FileProtectOutlined />,
    section: '督查督办',
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/ClosingRequestsPage')),
    children: [{ path: '/closing-requests/:id', page: lazy(() => import('./pages/ClosingRequestPage')) }],
  },
  {
    path: '/plans',
    label: '月度预安',
    icon: <CalendarOutlined />,
    section: '督查督办',
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/PlansPage')),
    // Links in notifications: a plan's proposals, one proposal, a unit's sheet.
    children: [
      { path: '/plans/:id', page: PlanPage },
      { path: '/plans/:id/proposals', page: PlanPage },
      { path: '/plans/:id/units/:unitId/sheet', page: PlanPage },
      { path: '/proposals/:proposalId', page: PlanPage },
    ],
  },
  {
    path: '/inspections',
    label: '明察暗访',
    icon: <EnvironmentOutlined />,
    section: '督查督办',
    // The office plans and files; units see their open inspections, and unannounced ones once filed.
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/inspections/InspectionsPage')),
    children: [{ path: '/inspections/:id', page: lazy(() => import('./pages/inspections/InspectionPage')) }],
  },
  {
    path: '/disclosures',
    label: '舆论督办',
    icon: <NotificationOutlined />,
    section: '督查督办',
    roles: ['office'],
    page: lazy(() => import('./pages/inspections/DisclosuresPage')),
  },
  {
    path: '/cockpit',
    label: '领导驾驶舱',
    icon: <DashboardOutlined />,
    section: '督查督办',
    // The county's side; a leader sees his portfolio.
    roles: ['office', 'assessment', 'leader', 'discipline'],
    page: lazy(() => import('./pages/cockpit/CockpitPage')),
  },
  {
    path: '/board-tokens',
    label: '电子屏管理',
    icon: <FundProjectionScreenOutlined />,
    section: '督查督办',
    roles: ['office'],
    page: lazy(() => import('./pages/board/BoardTokensPage')),
  },
  {
    path: '/work-groups',
    label: '微信亮绩',
    icon: <WechatOutlined />,
    section: '督查督办',
    roles: ['office'],
    page: lazy(() => import('./pages/digest/WorkGroupsPage')),
  },
  {
    path: '/weekly-plans',
    label: '周交办 10+N',
    icon: <OrderedListOutlined />,
    section: '督查督办',
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/WeeklyPlansPage')),
    children: [{ path: '/weekly-plans/:id', page: PlanPage }],
  },
  {
    path: '/projects',
    label: '重点项目',
    icon: <BuildOutlined />,
    section: '督查督办',
    // Everyone in the business, each seeing the projects of their data scope; units report steps, investment, photos.
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/projects/ProjectsPage')),
    children: [{ path: '/projects/:id', page: lazy(() => import('./pages/projects/ProjectPage')) }],
  },
  {
    path: '/projects/comparison',
    label: '影像比绩',
    icon: <CameraOutlined />,
    section: '督查督办',
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/projects/ComparisonPage')),
  },
  {
    path: '/figures',
    label: '月度指标',
    icon: <BarChartOutlined />,
    section: '督查督办',
    // Everyone in the business, each seeing the units of their data scope.
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/FiguresPage')),
  },
  {
    path: '/chasing',
    label: '督办看板',
    icon: <AlertOutlined />,
    section: '督查督办',
    roles: CHASING_WATCHERS,
    page: lazy(() => import('./pages/ChasingBoardPage')),
  },
  {
    path: '/chasing/today',
    label: '今日待办',
    icon: <CarryOutOutlined />,
    section: '督查督办',
    // The units that sign for sheets and answer the time limits.
    roles: ['unit_head', 'unit_liaison'],
    page: lazy(() => import('./pages/ChasingTodayPage')),
  },
  {
    path: '/interviews',
    label: '约谈管理',
    icon: <CommentOutlined />,
    section: '督查督办',
    roles: CHASING_WATCHERS,
    page: lazy(() => import('./pages/InterviewsPage')),
    children: [{ path: '/interviews/:id', page: lazy(() => import('./pages/InterviewPage')) }],
  },
  {
    path: '/chasing/settings',
    label: '督办设置',
    icon: <SettingOutlined />,
    section: '督查督办',
    roles: ['office'],
    page: lazy(() => import('./pages/ChasingSettingsPage')),
  },
  {
    path: '/reviews',
    label: '月点评',
    icon: <TrophyOutlined />,
    section: '考核评价',
    // Units see a month once it is published (the server refuses drafts to them).
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/review/ReviewPage')),
  },
  {
    path: '/reviews/schemes',
    label: '评分方案',
    icon: <SlidersOutlined />,
    section: '考核评价',
    roles: ['office', 'assessment', 'leader', 'discipline'],
    page: lazy(() => import('./pages/review/SchemesPage')),
  },
  {
    path: '/stars',
    label: '单位之星 · 干部之星',
    icon: <StarOutlined />,
    section: '考核评价',
    // Everyone in the business reads (winners are read out at the meeting); units nominate, the office decides.
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/stars/StarsPage')),
  },
  {
    path: '/highlights',
    label: '亮点工作',
    icon: <BulbOutlined />,
    section: '考核评价',
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/stars/HighlightsPage')),
  },
  {
    path: '/meetings',
    label: '月点评会',
    icon: <DesktopOutlined />,
    section: '考核评价',
    // The pack is for the leaders and offices; the office records instructions and commitments.
    roles: ['office', 'assessment', 'leader', 'discipline'],
    page: lazy(() => import('./pages/meeting/MeetingPage')),
  },
  {
    path: '/reviews/appeals',
    label: '申诉',
    icon: <ExceptionOutlined />,
    section: '考核评价',
    // Units see and file their own appeals (from a published month's facts); the offices decide them.
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/review/AppealsPage')),
  },
  {
    path: '/reviews/notice',
    label: '月度通报',
    icon: <FileTextOutlined />,
    section: '考核评价',
    // Units read a month's notice once it is issued (the server refuses drafts to them).
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/review/NoticePage')),
  },
  {
    path: '/dossier/mine',
    label: '履责档案',
    icon: <FileProtectOutlined />,
    section: '干部记实',
    // Everyone with a record to read: their own here; a head their units' people and the offices anyone's, by link.
    roles: ['cadre', 'unit_liaison', 'unit_head', 'leader', 'office', 'assessment'],
    page: lazy(() => import('./pages/dossier/CadreRecordPage')),
    children: [{ path: '/dossier/people/:id', page: lazy(() => import('./pages/dossier/CadreRecordPage')) }],
  },
  {
    path: '/opinions',
    label: '年度考核意见',
    icon: <FileDoneOutlined />,
    section: '考核评价',
    // The county's side reads; the assessment office drafts, edits, issues and corrects.
    roles: ['office', 'assessment', 'leader', 'discipline'],
    page: lazy(() => import('./pages/dossier/OpinionsPage')),
  },
  {
    path: '/assessments/quarters',
    label: '季度考核',
    icon: <RiseOutlined />,
    section: '考核评价',
    // Units see a quarter once it is published (the server refuses drafts to them).
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/assessment/QuarterPage')),
  },
  {
    path: '/assessments/years',
    label: '年度考核',
    icon: <CrownOutlined />,
    section: '考核评价',
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/assessment/YearPage')),
  },
  {
    path: '/assessments/settings',
    label: '考核设置',
    icon: <ControlOutlined />,
    section: '考核评价',
    roles: ['office', 'assessment', 'leader', 'discipline'],
    page: lazy(() => import('./pages/assessment/SettingsPage')),
  },
  {
    path: '/lottery',
    label: '抽签述职',
    icon: <NumberOutlined />,
    section: '考核评价',
    // Everyone in the business sees the candidates, the commitment and the result; the office commits and draws.
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/LotteryPage')),
    children: [{ path: '/lottery/:id/screen', page: lazy(() => import('./pages/LotteryScreenPage')) }],
  },
  {
    path: '/records/mine',
    label: '我的记实',
    icon: <FormOutlined />,
    section: '干部记实',
    // Everyone who keeps records of their own: the weekly log and frontline days.
    roles: ['cadre', 'unit_liaison', 'unit_head', 'leader'],
    page: RecordPage,
  },
  {
    path: '/records/assessments',
    label: '月度考核',
    icon: <SolutionOutlined />,
    section: '干部记实',
    roles: ['unit_head', 'assessment', 'office'],
    page: lazy(() => import('./pages/records/UnitAssessmentsPage')),
  },
  {
    path: '/records/quarters',
    label: '季度审定',
    icon: <ProfileOutlined />,
    section: '干部记实',
    roles: ['assessment', 'office'],
    page: lazy(() => import('./pages/records/QuarterConfirmPage')),
  },
  {
    path: '/records/frontline',
    label: '一线工作进度',
    icon: <EnvironmentOutlined />,
    section: '干部记实',
    // The liaison too: they log the head's days from this list (代为登记).
    roles: ['assessment', 'office', 'unit_head', 'leader', 'unit_liaison'],
    page: lazy(() => import('./pages/records/FrontlinePacePage')),
    // A person's record, opened from the pace list, the unit's assessments or the quarter (every reader of others' records).
    children: [{ path: '/records/people/:id', page: RecordPage }],
  },
  {
    path: '/self-assessment',
    label: '绩效自评',
    icon: <RiseOutlined />,
    section: '考核评价',
    roles: ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison'],
    page: lazy(() => import('./pages/selfassess/SelfAssessmentPage')),
  },
  {
    path: '/archive',
    label: '考核档案',
    icon: <FileProtectOutlined />,
    section: '考核评价',
    roles: ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison'],
    page: lazy(() => import('./pages/archive/ArchivePage')),
  },
  {
    path: '/study',
    label: '学习台账',
    icon: <BulbOutlined />,
    section: '党建学习',
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/study/StudyPage')),
    children: [{ path: '/study/:id', page: lazy(() => import('./pages/study/StudySessionPage')) }],
  },
  {
    path: '/activity-calendar',
    label: '活动日历',
    icon: <CalendarOutlined />,
    section: '督查督办',
    roles: BUSINESS_ROLES,
    page: lazy(() => import('./pages/calendar/ActivityCalendarPage')),
  },
  {
    path: '/units',
    label: '组织机构',
    icon: <ApartmentOutlined />,
    section: '组织人事',
    roles: ORG_READERS,
    page: lazy(() => import('./pages/UnitsPage')),
  },
  { path: '/people', label: '人员', icon: <TeamOutlined />, section: '组织人事', roles: ORG_READERS, page: lazy(() => import('./pages/PeoplePage')) },
  {
    path: '/leaders',
    label: '县领导',
    icon: <UserSwitchOutlined />,
    section: '组织人事',
    roles: ORG_READERS,
    page: lazy(() => import('./pages/LeadersPage')),
  },
  {
    path: '/accounts',
    label: '账号管理',
    icon: <IdcardOutlined />,
    section: '系统管理',
    roles: ['sysadmin', 'secadmin'],
    page: lazy(() => import('./pages/AccountsPage')),
  },
  {
    path: '/security-policy',
    label: '安全策略',
    icon: <SafetyCertificateOutlined />,
    section: '系统管理',
    roles: ['secadmin'],
    page: lazy(() => import('./pages/SecurityPolicyPage')),
  },
  {
    path: '/system/calendar',
    label: '工作日历',
    icon: <ScheduleOutlined />,
    section: '系统管理',
    // The system administrator keeps it; everyone in the business reads it.
    roles: ORG_READERS,
    page: lazy(() => import('./pages/CalendarPage')),
  },
  {
    path: '/system/channels',
    label: '通知渠道',
    icon: <NotificationOutlined />,
    section: '系统管理',
    roles: ['sysadmin'],
    page: lazy(() => import('./pages/ChannelsPage')),
  },
  {
    path: '/audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    section: '安全审计',
    roles: ['auditadmin'],
    page: lazy(() => import('./pages/AuditPage')),
  },
];

export const canOpen = (me: Me, item: NavItem) => item.roles === 'all' || hasRole(me, ...item.roles);
