// Enums and their Chinese labels, defined once for the server and the web app (imported there as `@shared/labels`).
// Plain TypeScript with no imports, so both the server (Node) and the browser bundle can use it.

// ---- Accounts and organisation

export const ROLES = ['sysadmin', 'secadmin', 'auditadmin', 'office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'] as const;
export type Role = (typeof ROLES)[number];
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

export const UNIT_KINDS = ['city_dept', 'town', 'village', 'vertical', 'group_office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  city_dept: '市直单位',
  town: '乡镇街道',
  village: '村居',
  vertical: '垂直单位',
  group_office: '领导小组办公室',
};

// The two groups the monthly review ranks separately (seed 000: 乡镇 and 县直单位 are reviewed apart); villages are
// judged inside their town and are in no group.
export const REVIEW_GROUPS = ['town', 'county_unit'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];
export const REVIEW_GROUP_LABELS: Record<ReviewGroup, string> = { town: '乡镇（街道）', county_unit: '县直单位' };
export function reviewGroupOf(kind: UnitKind): ReviewGroup | null {
  if (kind === 'town') return 'town';
  return kind === 'village' ? null : 'county_unit';
}

// 抽签述职: a month's draw is committed (candidates and commitment published) before it is drawn at the meeting.
export const LOTTERY_STATES = ['committed', 'drawn'] as const;
export type LotteryState = (typeof LOTTERY_STATES)[number];
export const LOTTERY_STATE_LABELS: Record<LotteryState, string> = { committed: '已公布候选名单', drawn: '已抽签' };

// A person's post in their own unit, marked in people lists (`isUnitHead`, `isUnitLiaison`).
export const UNIT_POST_LABELS = { head: '主要负责人', liaison: '联络员' } as const;

// ---- Tasks (工作台账)

export const TASK_STATUSES = [
  'draft', // 草拟
  'assigned', // 已交办
  'declined', // 退回交办: the unit sent the assignment back to the office
  'signed', // 已签收
  'in_progress', // 推进中
  'closing_requested', // 申请销号
  'returned', // 退回整改
  'closed', // 已销号
  'suspended', // 已暂缓
  'cancelled', // 已撤销
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const STATUS_LABELS: Record<TaskStatus, string> = {
  draft: '草拟',
  assigned: '已交办',
  declined: '退回交办',
  signed: '已签收',
  in_progress: '推进中',
  closing_requested: '申请销号',
  returned: '退回整改',
  closed: '已销号',
  suspended: '已暂缓',
  cancelled: '已撤销',
};

export const TASK_ACTIONS = ['assign', 'sign', 'decline', 'start', 'request_closing', 'close', 'return', 'suspend', 'resume', 'cancel'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];
export const ACTION_LABELS: Record<TaskAction, string> = {
  assign: '交办',
  sign: '签收',
  decline: '退回交办',
  start: '开始推进',
  request_closing: '申请销号',
  close: '销号',
  return: '退回整改',
  suspend: '暂缓',
  resume: '恢复',
  cancel: '撤销',
};

// Status colour (亮灯), worst first.
export const COLOURS = ['red', 'yellow', 'blue', 'green', 'grey'] as const;
export type StatusColour = (typeof COLOURS)[number];
export const COLOUR_LABELS: Record<StatusColour, string> = { red: '红灯', yellow: '黄灯', blue: '蓝灯', green: '绿灯', grey: '未计' };

export const TASK_SOURCES = [
  'major_decision',
  'meeting',
  'leader_instruction',
  'deputy_suggestion',
  'petition',
  'unit_key_work',
  'weekly_10n',
  'interview',
  'inspection',
] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];
export const SOURCE_LABELS: Record<TaskSource, string> = {
  major_decision: '重大决策部署',
  meeting: '会议议定',
  leader_instruction: '领导批示交办',
  deputy_suggestion: '代表建议',
  petition: '信访',
  unit_key_work: '单位自定重点',
  weekly_10n: '周交办10+N',
  interview: '约谈承诺',
  inspection: '督查整改',
};

export const TASK_LEVELS = ['general', 'major'] as const;
export type TaskLevel = (typeof TASK_LEVELS)[number];
export const LEVEL_LABELS: Record<TaskLevel, string> = { general: '一般', major: '重大' };

// ---- Chasing (督办)

// The names printed on the sheets themselves.
export const SHEET_KINDS = ['assignment', 'urge', 'warning', 'referral', 'rectify', 'admonish'] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];
export const SHEET_KIND_LABELS: Record<SheetKind, string> = {
  assignment: '工作交办单',
  urge: '工作催办单',
  warning: '工作预警单',
  referral: '移交问责函',
  rectify: '限期整改通知',
  admonish: '诫勉谈话通知',
};

// What a sheet chases: a time limit, the deadline, a periodic report, a monthly task, or the office by hand.
// A cooperating unit's part is chased on its own dates: signing for it (part_sign) and its due day (part_deadline).
export const SHEET_DUE_KINDS = ['sign', 'first_report', 'resolve', 'deadline', 'report', 'month', 'manual', 'part_sign', 'part_deadline'] as const;
export type SheetDueKind = (typeof SHEET_DUE_KINDS)[number];
export const DUE_KIND_LABELS: Record<SheetDueKind, string> = {
  sign: '签收部署',
  first_report: '首次反馈',
  resolve: '限期办结',
  deadline: '完成时限',
  report: '定期报送',
  month: '月度任务',
  manual: '人工催办',
  part_sign: '配合分工签收',
  part_deadline: '配合分工时限',
};

// A cooperating unit's part of a task (配合分工) and the moves on it (tasks/part-rules.ts).
export const PART_STATUSES = ['assigned', 'signed', 'reported', 'returned', 'done', 'explained'] as const;
export type PartStatus = (typeof PART_STATUSES)[number];
export const PART_STATUS_LABELS: Record<PartStatus, string> = {
  assigned: '待签收',
  signed: '办理中',
  reported: '已报告待确认',
  returned: '被退回',
  done: '已完成',
  explained: '已说明',
};
export const PART_ACTIONS = ['sign', 'report', 'confirm', 'return', 'explain'] as const;
export type PartAction = (typeof PART_ACTIONS)[number];
export const PART_ACTION_LABELS: Record<PartAction, string> = {
  sign: '签收分工',
  report: '报告分工',
  confirm: '确认完成',
  return: '退回',
  explain: '说明情况',
};

// The time limits of the 13710 rules.
export const RULE_TARGETS = ['sign', 'first_report', 'resolve'] as const;
export type RuleTarget = (typeof RULE_TARGETS)[number];
export const RULE_TARGET_LABELS: Record<RuleTarget, string> = { sign: '签收部署', first_report: '首次反馈', resolve: '限期办结' };

// month: calendar months, day for day (重大事项 1 个月内), not 30 days.
export const DAY_KINDS = ['calendar', 'working', 'month'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
export const DAY_KIND_LABELS: Record<DayKind, string> = { calendar: '自然日', working: '工作日', month: '自然月' };

export const INTERVIEW_STATUSES = ['proposed', 'approved', 'rejected', 'held'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];
export const INTERVIEW_STATUS_LABELS: Record<InterviewStatus, string> = {
  proposed: '待批准',
  approved: '已批准',
  rejected: '未批准',
  held: '已约谈',
};

// organisation_head: the head of the organisation department interviews; main_leader: the county's main leader, when still slow.
// admonishment: 诫勉谈话, held by the discipline commission when the months-overdue ladder reaches it.
export const INTERVIEW_LEVELS = ['organisation_head', 'main_leader', 'admonishment'] as const;
export type InterviewLevel = (typeof INTERVIEW_LEVELS)[number];
export const INTERVIEW_LEVEL_LABELS: Record<InterviewLevel, string> = {
  organisation_head: '组织部部长约谈',
  main_leader: '主要领导约谈',
  admonishment: '诫勉谈话',
};

// ---- Closing (销号, 三部联审)

export const CLOSING_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ClosingStatus = (typeof CLOSING_STATUSES)[number];
export const CLOSING_STATUS_LABELS: Record<ClosingStatus, string> = { pending: '待审核', approved: '已通过', rejected: '已退回' };

export const REVIEW_DECISIONS = ['approve', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = { approve: '同意', reject: '不同意' };

// ---- Plans (月度预安, 周交办10+N)

export const PLAN_STATUSES = ['collecting', 'reviewing', 'consolidating', 'meeting', 'issued'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  collecting: '单位申报',
  reviewing: '分管领导审核',
  consolidating: '督查室汇总',
  meeting: '会议研究',
  issued: '已印发',
};

export const PROPOSAL_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已通过',
  withdrawn: '已撤回',
};

export const ITEM_DECISIONS = ['approved', 'amended', 'dropped'] as const;
export type ItemDecision = (typeof ITEM_DECISIONS)[number];
export const DECISION_LABELS: Record<ItemDecision, string> = { approved: '通过', amended: '修改后通过', dropped: '不列入' };

// Where an item of the consolidated draft came from.
export const ITEM_ORIGINS = ['proposal', 'leader_assigned', 'carried_over'] as const;
export type ItemOrigin = (typeof ITEM_ORIGINS)[number];
export const ORIGIN_LABELS: Record<ItemOrigin, string> = { proposal: '单位申报', leader_assigned: '领导交办', carried_over: '挂单' };

// How often a unit reports on a task (报送频次), and its wording.
export type ReportCadence =
  | { kind: 'none' }
  | { kind: 'weekly'; weekday: number } // 1 = Monday … 7 = Sunday
  | { kind: 'every_n_days'; days: number }
  | { kind: 'monthly'; day: number };

export function cadenceText(c: ReportCadence): string {
  switch (c.kind) {
    case 'none':
      return '不要求定期报送';
    case 'weekly':
      return `每周${'一二三四五六日'[c.weekday - 1] ?? ''}报送`;
    case 'every_n_days':
      return `每 ${c.days} 天报送`;
    case 'monthly':
      return `每月 ${c.day} 日报送`;
  }
}

// ---- Monthly review (月点评) and its scoring scheme

// What a score is made of. Each weight of a scheme is the points of one such fact; a booked deduction (扣分, by the
// months-overdue ladder) carries its own points. Sheet facts are one per sheet kind (SHEET_KINDS).
export const SCORE_WEIGHT_KEYS = [
  'closed_on_time',
  'closed_late',
  'overdue_day',
  'sheet_assignment',
  'sheet_urge',
  'sheet_warning',
  'sheet_referral',
  'sheet_rectify',
  'sheet_admonish',
  'carried',
  'missing_report',
  'highlight',
  'commendation',
  'typical_speech',
  'bottom_statement',
  'accountability',
  // From the stars module (stars/read.ts): winners and selected highlight work of the month. A scheme saved before
  // these keys existed reads them as 0.
  'unit_star',
  'cadre_star',
  'highlight_selected',
  'highlight_half_year',
] as const;
export type ScoreWeightKey = (typeof SCORE_WEIGHT_KEYS)[number];
export const SCORE_FACT_KINDS = [...SCORE_WEIGHT_KEYS, 'deduction'] as const;
export type ScoreFactKind = (typeof SCORE_FACT_KINDS)[number];
export const SCORE_FACT_LABELS: Record<ScoreFactKind, string> = {
  closed_on_time: '按时销号',
  closed_late: '逾期销号',
  overdue_day: '逾期天数',
  sheet_assignment: '收到工作交办单',
  sheet_urge: '收到工作催办单',
  sheet_warning: '收到工作预警单',
  sheet_referral: '收到移交问责函',
  sheet_rectify: '收到限期整改通知',
  sheet_admonish: '收到诫勉谈话通知',
  carried: '挂单',
  missing_report: '未按时报送',
  highlight: '亮点工作',
  commendation: '通报表扬',
  typical_speech: '典型发言',
  bottom_statement: '末位表态',
  accountability: '问责',
  unit_star: '单位之星',
  cadre_star: '干部之星（计入所在单位）',
  highlight_selected: '亮点工作（月度评选）',
  highlight_half_year: '亮点工作（半年评选）',
  deduction: '督办扣分',
};
// Entered by the office with a reason and evidence; the first three add points, the last two take them away.
export const MANUAL_FACT_KINDS = ['highlight', 'commendation', 'typical_speech', 'bottom_statement', 'accountability'] as const;
export type ManualFactKind = (typeof MANUAL_FACT_KINDS)[number];
export const REVIEW_STATUS_LABELS = { draft: '未发布', published: '已发布' } as const;
// Appeals (申诉) against a published month: what a unit may contest, and where an appeal stands.
export const APPEAL_OBJECTS = ['fact', 'colour', 'closing'] as const;
export type AppealObject = (typeof APPEAL_OBJECTS)[number];
export const APPEAL_OBJECT_LABELS: Record<AppealObject, string> = { fact: '得分事项（扣分）', colour: '事项亮灯', closing: '销号申请被退回' };
export const APPEAL_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = { open: '待处理', upheld: '申诉成立', dismissed: '申诉不成立' };

// 季考核 (seed 003): bonus items the office enters for a quarter, with evidence; their points are in the assessment settings.
export const BONUS_KINDS = ['leader_instruction', 'commendation', 'typical_speech'] as const;
export type BonusKind = (typeof BONUS_KINDS)[number];
export const BONUS_KIND_LABELS: Record<BonusKind, string> = {
  leader_instruction: '上级领导肯定性批示',
  commendation: '表彰奖励、通报表扬',
  typical_speech: '典型发言',
};
// 年度考核 grades, best first; the thresholds are in the assessment settings.
export const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' };

// People's records (周记实、月考核、季审定, seed 004): the grade a head proposes each month and the committee confirms
// each quarter.
export const CADRE_GRADES = ['good', 'fairly_good', 'average', 'poor'] as const;
export type CadreGrade = (typeof CADRE_GRADES)[number];
export const CADRE_GRADE_LABELS: Record<CadreGrade, string> = { good: '好', fairly_good: '较好', average: '一般', poor: '较差' };

// Frontline days (一线工作日, seed 002): whose yearly target is which.
export const FRONTLINE_ROLES = ['county_leader', 'department_head', 'town_secretary'] as const;
export type FrontlineRole = (typeof FRONTLINE_ROLES)[number];
export const FRONTLINE_ROLE_LABELS: Record<FrontlineRole, string> = {
  county_leader: '县领导',
  department_head: '县直部门主要负责人',
  town_secretary: '乡镇（街道）党（工）委书记',
};

// Stars (单位之星 / 干部之星) and highlight work (亮点工作): nominated by units or the office, shortlisted, decided.
export const STAR_KINDS = ['unit', 'cadre'] as const;
export type StarKind = (typeof STAR_KINDS)[number];
export const STAR_KIND_LABELS: Record<StarKind, string> = { unit: '单位之星', cadre: '干部之星' };
export const STAR_STATUSES = ['nominated', 'shortlisted', 'rejected', 'awarded', 'not_awarded'] as const;
export type StarStatus = (typeof STAR_STATUSES)[number];
export const STAR_STATUS_LABELS: Record<StarStatus, string> = {
  nominated: '已推荐',
  shortlisted: '已入围',
  rejected: '未入围',
  awarded: '获评',
  not_awarded: '未获评',
};
export const STAR_DECISION_METHODS = ['meeting', 'vote'] as const;
export type StarDecisionMethod = (typeof STAR_DECISION_METHODS)[number];
export const STAR_DECISION_METHOD_LABELS: Record<StarDecisionMethod, string> = { meeting: '会议研究', vote: '投票表决' };
export const HIGHLIGHT_CYCLES = ['month', 'half_year'] as const;
export type HighlightCycle = (typeof HIGHLIGHT_CYCLES)[number];
export const HIGHLIGHT_CYCLE_LABELS: Record<HighlightCycle, string> = { month: '月度', half_year: '半年' };
export const HIGHLIGHT_STATUSES = ['nominated', 'selected', 'not_selected'] as const;
export type HighlightStatus = (typeof HIGHLIGHT_STATUSES)[number];
export const HIGHLIGHT_STATUS_LABELS: Record<HighlightStatus, string> = { nominated: '待评选', selected: '入选', not_selected: '未入选' };

// 绩效自评 (seed 002): the four standards a unit rates its planned work and its results against, each 1–5.
export const SELF_STANDARDS = ['position', 'highlight', 'breakthrough', 'first_class'] as const;
export type SelfStandard = (typeof SELF_STANDARDS)[number];
export const SELF_STANDARD_LABELS: Record<SelfStandard, string> = { position: '有位置', highlight: '出亮点', breakthrough: '求突破', first_class: '创一流' };
export const SELF_STATUSES = ['planned', 'reported', 'rated'] as const;
export type SelfStatus = (typeof SELF_STATUSES)[number];
export const SELF_STATUS_LABELS: Record<SelfStatus, string> = { planned: '已定目标', reported: '已自评结果', rated: '考核办已评' };

// 党建 / 学习台账: 三会一课 and theory study.
export const STUDY_KINDS = ['party_congress', 'branch_committee', 'group_meeting', 'party_lecture', 'theory_study'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];
export const STUDY_KIND_LABELS: Record<StudyKind, string> = {
  party_congress: '支部党员大会',
  branch_committee: '支部委员会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theory_study: '理论学习',
};
export const STUDY_STATUSES = ['planned', 'held'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];
export const STUDY_STATUS_LABELS: Record<StudyStatus, string> = { planned: '计划', held: '已开展' };

// The activity calendar's three dot colours (seed 004: 红 未完成, 蓝 推进中, 绿 已完成).
export const DOT_COLOURS = ['red', 'blue', 'green'] as const;
export type DotColour = (typeof DOT_COLOURS)[number];
export const DOT_COLOUR_LABELS: Record<DotColour, string> = { red: '未完成', blue: '推进中', green: '已完成' };
export const CALENDAR_SOURCES = ['tasks', 'study'] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];
export const CALENDAR_SOURCE_LABELS: Record<CalendarSource, string> = { tasks: '工作台账（交办事项）', study: '学习台账（三会一课）' };

// Key projects (重点项目): the four kinds the county tracks, and how a photo's date was known.
export const PROJECT_KINDS = ['continuing', 'under_construction', 'planned_start', 'preliminary'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_KIND_LABELS: Record<ProjectKind, string> = {
  continuing: '续建',
  under_construction: '在建',
  planned_start: '计划新开工',
  preliminary: '前期',
};
export const PHOTO_DATE_SOURCES = ['exif', 'entered', 'upload'] as const;
export type PhotoDateSource = (typeof PHOTO_DATE_SOURCES)[number];
export const PHOTO_DATE_SOURCE_LABELS: Record<PhotoDateSource, string> = { exif: '照片拍摄信息', entered: '上传人填写', upload: '上传日期' };
// 明察暗访: inspection plans (yearly or monthly), open or unannounced, on site or remote; findings graded.
export const PLAN_CYCLES = ['year', 'month'] as const;
export type PlanCycle = (typeof PLAN_CYCLES)[number];
export const PLAN_CYCLE_LABELS: Record<PlanCycle, string> = { year: '年度计划', month: '月度计划' };
export const INSPECTION_MODES = ['open', 'unannounced'] as const;
export type InspectionMode = (typeof INSPECTION_MODES)[number];
export const INSPECTION_MODE_LABELS: Record<InspectionMode, string> = { open: '明察', unannounced: '暗访' };
export const INSPECTION_METHODS = ['on_site', 'remote'] as const;
export type InspectionMethod = (typeof INSPECTION_METHODS)[number];
export const INSPECTION_METHOD_LABELS: Record<InspectionMethod, string> = { on_site: '实地督查', remote: '远程督查' };
export const INSPECTION_STATUSES = ['planned', 'filed'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const INSPECTION_STATUS_LABELS: Record<InspectionStatus, string> = { planned: '待督查', filed: '已归档' };
export const FINDING_GRADES = ['good', 'problem', 'serious'] as const;
export type FindingGrade = (typeof FINDING_GRADES)[number];
export const FINDING_GRADE_LABELS: Record<FindingGrade, string> = { good: '好的做法', problem: '问题', serious: '严重问题' };
