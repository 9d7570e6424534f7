// The enums and their Chinese labels shared with the server, plus what only the web app shows: colours, meanings, audit names.
import {
  ACTION_LABELS,
  ROLE_LABELS,
  SHEET_KIND_LABELS,
  TASK_SOURCES,
  type Role,
  type SheetKind,
  type StatusColour,
  type TaskSource,
  type TaskStatus,
  type UnitKind,
} from '@shared/labels';

export * from '@shared/labels';

// The server checks the real policy (its minimum length is configurable); this is what users are told.
export const PASSWORD_POLICY_TEXT = '密码长度不少于 8 位，须同时包含大写字母、小写字母、数字和特殊符号，且不得包含账号名。';

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

export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  city_dept: 'blue',
  town: 'green',
  village: 'lime',
  vertical: 'purple',
  group_office: 'orange',
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'work_log.save': '填写周记实',
  'frontline_day.log': '登记一线工作日',
  'assessment.save': '月度考核',
  'quarter.confirm': '季度审定',
  'records_settings.update': '修改记实设置',
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
  'org.unit_kind_labels': '设置单位类型名称',
  'task.create': '新建事项',
  'task.update': '修改事项',
  'task.assign': '交办',
  'task.sign': '签收',
  'task.decline': '退回交办',
  'task.start': '开始推进',
  'task.request_closing': '申请销号',
  'task.close': '销号',
  'task.return': '退回整改',
  'task.suspend': '暂缓',
  'task.resume': '恢复',
  'task.cancel': '撤销',
  'task.report': '进度反馈',
  'task.part.set': '安排配合分工',
  'task.part.sign': '签收配合分工',
  'task.part.report': '报告配合分工',
  'task.part.confirm': '确认配合分工',
  'task.part.return': '退回配合分工',
  'task.part.explain': '说明配合分工',
  'task.export': '导出台账',
  'task.import': '导入台账',
  'task.attachment.upload': '上传附件',
  'saved_filter.create': '保存筛选条件',
  'saved_filter.delete': '删除筛选条件',
  'access.denied': '越权访问',
  'seed.demo': '写入演示数据',
  'closing.review': '销号联审',
  'closing.site_check': '销号实地核查',
  'plan.create': '新建月度计划',
  'plan.advance': '推进计划环节',
  'plan.proposal_create': '申报重点工作',
  'plan.proposal_update': '修改申报',
  'plan.proposal_submit': '提交申报',
  'plan.proposal_approve': '审核通过申报',
  'plan.proposal_return': '退回申报',
  'plan.consolidate': '生成汇总稿',
  'plan.item_create': '增加交办事项',
  'plan.item_update': '修改计划事项',
  'plan.item_merge': '合并计划事项',
  'plan.item_split': '拆分计划事项',
  'plan.item_decision': '记录会议决定',
  'plan.issue': '印发计划',
  'task.carry_over': '月末挂单',
  'task.carry_over_reason': '填报挂单原因',
  'carry_over.run': '执行月末挂单',
  'figures.freeze': '冻结月度指标',
  'sheet.urge': '签发催办单',
  'sheet.warning': '签发预警单',
  'sheet.referral': '移交问责',
  'sheet.rectify': '责令整改',
  'sheet.admonish': '诫勉谈话',
  'sheet.sign': '签收督办单',
  'chasing.scan': '督办扫描',
  'time_limit_rule.update': '修改时限规则',
  'chasing_settings.update': '修改督办设置',
  'lottery_settings.update': '修改抽签设置',
  'lottery.commit': '公布抽签候选名单',
  'lottery.draw': '抽签述职',
  'calendar.override': '录入放假或调休',
  'calendar.override_delete': '删除日历录入',
  'calendar.year_enter': '标记节假日安排已录入',
  'calendar.year_delete': '撤销节假日录入标记',
  'notify.channel_create': '新增通知渠道',
  'notify.channel_update': '修改通知渠道',
  'notify.channel_test': '测试通知渠道',
  'interview.propose': '提出约谈建议',
  'interview.approve': '批准约谈',
  'interview.reject': '不予批准约谈',
  'interview.record': '登记约谈',
  'task.attachment.orphan_remove': '清理未提交的附件',
  'audit.export': '导出审计日志',
};

export const auditActionLabel = (action: string) => AUDIT_ACTION_LABELS[action] ?? action;

export const TARGET_TYPE_LABELS: Record<string, string> = {
  unit: '单位',
  person: '人员',
  leader: '县领导',
  account: '账号',
  security_policy: '安全策略',
  work_log: '周记实',
  frontline_day: '一线工作日',
  monthly_assessment: '月度考核',
  quarter_confirmation: '季度审定',
  records_settings: '记实设置',
  route: '接口',
  system: '系统',
  org: '组织机构',
  task: '事项',
  ledger: '工作台账',
  saved_filter: '筛选条件',
  closing_request: '销号申请',
  plan: '月度计划',
  plan_proposal: '计划申报',
  plan_item: '计划事项',
  carry_over: '挂单',
  sheet: '督办单',
  chasing: '督办',
  time_limit_rule: '时限规则',
  chasing_settings: '督办设置',
  calendar_day: '工作日历',
  calendar_year: '节假日安排',
  notify_channel: '通知渠道',
  interview: '约谈',
};

// ---- 工作台账

export const STATUS_COLORS: Record<TaskStatus, string> = {
  draft: 'default',
  assigned: 'geekblue',
  declined: 'orange',
  signed: 'cyan',
  in_progress: 'processing',
  closing_requested: 'purple',
  returned: 'volcano',
  closed: 'success',
  suspended: 'warning',
  cancelled: 'default',
};

// Statuses the office is chasing: these carry a deadline countdown and can go red.
export const OPEN_STATUSES: TaskStatus[] = ['assigned', 'signed', 'in_progress', 'closing_requested', 'returned'];

export const COLOUR_MEANINGS: Record<StatusColour, string> = {
  red: '已超过完成时限仍未销号',
  yellow: '临近完成时限或关键节点滞后',
  blue: '按计划推进中',
  green: '已销号',
  grey: '草拟、退回交办、暂缓或撤销，不计亮灯',
};
// The lights themselves, as on the public board (公示): strong, distinct colours.
export const COLOUR_HEX: Record<StatusColour, string> = { red: '#d4380d', yellow: '#faad14', blue: '#1677ff', green: '#389e0d', grey: '#bfbfbf' };

// Sources the office picks by hand; 约谈承诺 tasks come from interviews.
export const FORM_SOURCES: TaskSource[] = TASK_SOURCES.filter((s) => s !== 'interview');

// Entries of a task's own timeline (历程).
export const EVENT_LABELS: Record<string, string> = {
  created: '新建事项',
  decomposed: '分解立项',
  edited: '修改事项',
  report: '进度反馈',
  ...ACTION_LABELS,
  closing_review: '销号联审',
  closing_site_check: '实地核查',
  carry_over: '挂单',
  'carry_over.reminder': '催报挂单原因',
  'carry_over.reason': '填报挂单原因',
  planned: '列入月度计划',
  replanned: '按月度计划调整',
  'sheet.sign': '签收督办单',
  'interview.record_talk': '诫勉谈话',
  'interview.notice': '通报',
  'part.set': '安排配合分工',
  'part.sign': '配合单位签收分工',
  'part.report': '配合单位报告分工',
  'part.confirm': '确认配合分工完成',
  'part.return': '退回配合分工',
  'part.explain': '说明配合分工',
};

export const eventLabel = (kind: string) =>
  EVENT_LABELS[kind] ?? (kind.startsWith('sheet.') ? `下发${SHEET_KIND_LABELS[kind.slice(6) as SheetKind] ?? '督办单'}` : kind);

export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
