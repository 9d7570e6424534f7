import type { Role, UnitKind } from './api';

// The server checks the real policy (its minimum length is configurable); this is what users are told.
export const PASSWORD_POLICY_TEXT = '密码长度不少于 8 位，须同时包含大写字母、小写字母、数字和特殊符号，且不得包含账号名。';

export const ROLE_LABELS: Record<Role, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditadmin: '审计管理员',
  office: '督查室',
  assessment: '考核办',
  leader: '县领导',
  discipline: '纪委监委',
  unit_head: '单位负责人',
  unit_liaison: '单位联络员',
  cadre: '干部',
};

export const ROLE_COLORS: Record<Role, string> = {
  sysadmin: 'geekblue',
  secadmin: 'purple',
  auditadmin: 'magenta',
  office: 'red',
  assessment: 'orange',
  leader: 'gold',
  discipline: 'volcano',
  unit_head: 'cyan',
  unit_liaison: 'blue',
  cadre: 'green',
};

export const ADMIN_ROLES: Role[] = ['sysadmin', 'secadmin', 'auditadmin'];
export const BUSINESS_ROLES: Role[] = ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'];

export const roleLabel = (role: string) => ROLE_LABELS[role as Role] ?? role;

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  city_dept: '市直单位',
  town: '乡镇街道',
  village: '村居',
  vertical: '垂直单位',
  group_office: '领导小组办公室',
};

export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  city_dept: 'blue',
  town: 'green',
  village: 'lime',
  vertical: 'purple',
  group_office: 'orange',
};

export const UNIT_KINDS = Object.keys(UNIT_KIND_LABELS) as UnitKind[];

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lock': '账号锁定',
  'auth.password_change': '修改密码',
  'account.create': '新建账号',
  'account.update': '编辑账号',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.unlock': '解锁账号',
  'account.reset_password': '重置密码',
  'account.roles': '分配角色',
  'policy.update': '修改安全策略',
  'unit.create': '新增单位',
  'unit.update': '编辑单位',
  'unit.move': '移动单位',
  'unit.deactivate': '停用单位',
  'unit.activate': '启用单位',
  'person.create': '新增人员',
  'person.update': '编辑人员',
  'person.deactivate': '停用人员',
  'leader.create': '新增县领导',
  'leader.update': '编辑县领导',
  'org.import': '批量导入',
  'access.denied': '越权访问',
  'seed.demo': '写入演示数据',
};

export const auditActionLabel = (action: string) => AUDIT_ACTION_LABELS[action] ?? action;

export const TARGET_TYPE_LABELS: Record<string, string> = {
  unit: '单位',
  person: '人员',
  leader: '县领导',
  account: '账号',
  security_policy: '安全策略',
  route: '接口',
  system: '系统',
};
