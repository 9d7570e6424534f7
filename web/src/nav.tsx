import {
  ApartmentOutlined,
  AuditOutlined,
  DesktopOutlined,
  FileDoneOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Me, Role } from './api';
import { BUSINESS_ROLES } from './labels';
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

const TaskFormPage = lazy(() => import('./pages/TaskFormPage'));

export const NAV: NavItem[] = [
  { path: '/', label: '工作台', icon: <DesktopOutlined />, roles: 'all', page: lazy(() => import('./pages/HomePage')) },
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
    path: '/audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    section: '安全审计',
    roles: ['auditadmin'],
    page: lazy(() => import('./pages/AuditPage')),
  },
];

export const canOpen = (me: Me, item: NavItem) => item.roles === 'all' || hasRole(me, ...item.roles);
