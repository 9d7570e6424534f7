// Every error code the API answers with, and what it means, in one place. The server throws only these
// (AppError's code is typed by this table); the web app may compare against them. A call site may give a more
// specific message (naming the unit, the limit …); the text here is the code's general meaning.
export const ERROR_CODES = {
  // Requests and sessions
  VALIDATION_ERROR: '请求数据不正确',
  MALFORMED_REQUEST: '请求内容格式不正确，无法解析',
  PAYLOAD_TOO_LARGE: '请求内容超过大小上限',
  UNSUPPORTED_MEDIA_TYPE: '请求内容类型不受支持：数据接口须以 JSON（application/json）提交，文件须以表单（multipart/form-data）上传',
  TOO_MANY_LOGIN_ATTEMPTS: '登录失败次数过多，请稍后再试',
  NOT_FOUND: '接口不存在',
  INTERNAL: '服务器内部错误，请联系管理员',
  DEMO_SEEDING: '示范县演示数据生成中，请稍候',
  CSRF_REJECTED: '请求来源不被允许',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限执行此操作',
  PASSWORD_CHANGE_REQUIRED: '请先修改密码',
  STALE_VERSION: '该记录已被他人修改，请刷新后重试',
  // A state machine refused the move; the message names the current state.
  ILLEGAL_TRANSITION: '当前状态下不能执行此操作',

  // Accounts and security policy
  INVALID_CREDENTIALS: '账号或密码错误',
  ACCOUNT_LOCKED: '登录失败次数过多，账号已锁定',
  ACCOUNT_NOT_FOUND: '账号不存在',
  USERNAME_TAKEN: '账号名已被使用',
  WEAK_PASSWORD: '密码不符合安全策略',
  WRONG_PASSWORD: '原密码不正确',
  SELF_DISABLE: '不能停用自己的账号',
  ROLE_SEPARATION: '审计管理员不能同时担任系统管理员或安全管理员（三员分立）',
  BAD_POLICY: '安全策略的取值不正确',
  // Second factor (动态口令)
  TOTP_ENROLMENT_REQUIRED: '安全策略要求先绑定动态口令',
  INVALID_SECOND_FACTOR: '动态口令或恢复码不正确',
  LOGIN_CHALLENGE_EXPIRED: '登录验证已过期，请重新登录',
  TOTP_ALREADY_ENABLED: '已启用动态口令',
  TOTP_NOT_ENROLLING: '请先开始绑定动态口令',
  TOTP_NOT_ENABLED: '尚未启用动态口令',

  // Organisation
  UNIT_NOT_FOUND: '单位不存在或已停用',
  UNIT_INACTIVE: '所属单位已停用',
  UNIT_STATE: '单位已是该状态',
  UNIT_HAS_CHILDREN: '该单位还有启用中的下级单位',
  UNIT_CODE_TAKEN: '单位编码已被使用',
  PARENT_NOT_FOUND: '上级单位不存在',
  PARENT_INACTIVE: '上级单位已停用',
  BAD_PLACEMENT: '单位不能放在该上级单位之下',
  PERSON_NOT_FOUND: '人员不存在或已停用',
  PERSON_NOT_IN_UNIT: '必须是本单位在职人员',
  LEADER_NOT_FOUND: '领导不存在或已离任',
  NO_UNIT_HEAD: '单位未设主要负责人',

  // Imports (organisation and tasks)
  IMPORT_BAD_FILE: '文件不是有效的 Excel（.xlsx）文件',
  IMPORT_EMPTY: '文件中没有可导入的数据',
  IMPORT_INVALID: '导入文件有错误，未导入任何数据',

  // Calendar
  CALENDAR_DAY_NOT_FOUND: '该日没有自定义安排',
  CALENDAR_YEAR_NOT_FOUND: '该年未标记为已录入',
  INVALID_CALENDAR_YEAR: '不能标记该年的节假日安排',
  INVALID_CALENDAR_OVERRIDE: '自定义安排不正确',

  // Tasks (工作台账)
  TASK_NOT_FOUND: '事项不存在',
  // Cooperating units' parts (配合分工)
  PART_NOT_FOUND: '该配合单位的分工不存在',
  BAD_PART: '配合分工填写不正确',
  PARTS_OPEN: '配合单位的分工尚未全部完成或说明，不能申请销号',
  BAD_TASK: '事项内容不正确',
  DEADLINE_BEFORE_HANDOVER: '完成时限不能早于交办日期',
  BAD_TASKS: '所列事项不正确',
  BAD_CURSOR: '翻页位置不正确，请从第一页重新加载',
  CATEGORY_NOT_FOUND: '事项类别不存在',
  MILESTONE_NOT_FOUND: '关键节点不属于该事项',
  INDICATOR_NOT_FOUND: '指标不属于该事项',
  APPROVER_REQUIRED: '暂缓须注明批准的领导',
  BAD_REPORT: '进度反馈内容不正确',
  TASK_NOT_REPORTABLE: '事项当前状态不能反馈进度',
  TASK_FINISHED: '事项已办结',
  FILTER_NOT_FOUND: '筛选条件不存在',
  TOO_MANY_FILTERS: '保存的筛选条件已达上限',
  // Closing goes through the joint review, never through a plain task action.
  USE_CLOSING_REQUEST: '请通过销号申请办理',

  // Attachments
  ATTACHMENT_NOT_FOUND: '附件不存在或不是本人上传的',
  ATTACHMENT_TAKEN: '附件已被另一次反馈使用',
  REPORT_KEY_REUSED: '离线反馈的标识已用于另一事项',
  TOO_MANY_ATTACHMENTS: '尚未随进度反馈提交的附件过多',
  FILE_EMPTY: '文件是空的',
  FILE_TOO_LARGE: '文件超过大小上限',
  FILE_TYPE_MISMATCH: '文件内容与扩展名不符',
  FILE_TYPE_NOT_ALLOWED: '只能上传 JPG、PNG 图片和 PDF、Word、Excel 文件',
  IMAGE_UNREADABLE: '图片已损坏或尺寸过大，无法读取',

  // Chasing (督办): sheets, rules, interviews
  SHEET_NOT_FOUND: '督办单不存在',
  ALREADY_SIGNED: '该督办单已签收',
  NO_OPEN_SHEET: '没有待签收的交办单',
  // The assignment sheet is signed on the task page, where the task's own state changes with it.
  USE_TASK_SIGN: '交办单请在事项页面签收',
  ALREADY_URGED: '今天已人工催办过该事项',
  RULE_NOT_FOUND: '时限规则不存在',
  BAD_RULE: '时限规则的取值不正确',
  BAD_SETTINGS: '督办设置的取值不正确',
  INTERVIEW_NOT_FOUND: '约谈不存在',
  BAD_INTERVIEW: '约谈内容不正确',
  ALREADY_PUBLISHED: '通报已发布',
  BAD_SITE_CHECK: '核查内容不正确',

  // Closing (销号) and its joint review
  CLOSING_REQUEST_NOT_FOUND: '销号申请不存在',
  CLOSING_PENDING: '该事项已有待审核的销号申请',
  CLOSING_DECIDED: '该销号申请已审核完毕',
  ALREADY_REVIEWED: '已审核过该销号申请',
  BAD_CLOSING_REQUEST: '销号申请内容不正确',
  COMMENT_REQUIRED: '请填写理由',

  // Plans (月度预安 / 周交办)
  PLAN_NOT_FOUND: '计划不存在',
  PLAN_EXISTS: '该期计划已经建立',
  PLAN_ITEM_NOT_FOUND: '计划事项不存在',
  PLAN_STEP: '计划当前环节不能执行此操作',
  PLAN_CLOSED: '本期计划已截止申报',
  PLAN_NOT_ISSUED: '计划尚未印发',
  PROPOSAL_NOT_FOUND: '申报不存在',
  BAD_PERIOD: '期别格式不正确',
  BAD_PLAN_ITEM: '计划事项内容不正确',
  BAD_PLAN_DATES: '计划各环节时限不正确',
  BAD_DECISION: '会议决定不正确',
  BAD_MERGE: '合并的事项不正确',
  BAD_SPLIT: '拆分的事项不正确',
  CHANGES_REQUIRED: '“修改后通过”须写明修改的内容',
  UNDECIDED_ITEMS: '还有事项未经会议决定，不能印发',
  NO_CARRY_OVER: '该事项没有挂单记录',
  REASON_REQUIRED: '请填写原因',
  REASON_TOO_LONG: '原因超过字数上限',

  // Lottery (抽签述职)
  LOTTERY_NOT_FOUND: '抽签记录不存在',
  LOTTERY_EXISTS: '该月已公布抽签候选名单，不能重复公布',
  LOTTERY_NOT_COMMITTED: '该月尚未公布候选名单和承诺值，请先公布再抽签',
  LOTTERY_DRAWN: '该月已抽签，不能重复抽签',
  LOTTERY_TOO_FEW: '候选单位少于要抽取的数量，不能抽签',
  LOTTERY_TAMPERED: '保存的候选名单或种子与公布的承诺值不符，不能抽签',
  BAD_LOTTERY_SETTINGS: '抽签设置的取值不正确',
  BAD_PUBLIC_INPUT: '现场公开数字不正确',

  // Notifications
  NOTIFICATION_NOT_FOUND: '消息不存在',
  CHANNEL_NOT_FOUND: '通知渠道不存在',
  CHANNEL_INACTIVE: '渠道已停用',
  BAD_CHANNEL: '通知渠道的设置不正确',

  // Monthly review (月点评) and scoring schemes
  BAD_SCHEME: '评分方案不正确',
  REVIEW_PUBLISHED: '该月点评已发布，不能再修改',
  REVIEW_NOT_PUBLISHABLE: '该月点评还不能发布',
  BAD_MANUAL_FACT: '加减分事项不正确',
  MANUAL_FACT_NOT_FOUND: '加减分事项不存在',
  // Quarterly and annual assessment (季考核、年度考核)
  BAD_ASSESSMENT_SETTINGS: '考核设置不正确',
  BAD_BONUS_ITEM: '季度加分事项不正确',
  BONUS_ITEM_NOT_FOUND: '季度加分事项不存在',
  BAD_YEAR_PART: '年度考核分项得分不正确',
  ASSESSMENT_PUBLISHED: '该考核已发布，不能再修改',
  ASSESSMENT_NOT_PUBLISHABLE: '该考核还不能发布',
  BAD_BOTTOM_STATEMENT: '末位表态单位不正确',
  BAD_STAR_RATING: '星级评定不正确',
  // Appeals (申诉) against a published month
  BAD_APPEAL: '申诉内容不正确',
  APPEAL_NOT_ALLOWED: '不能提出该申诉（月点评未发布、申诉期已过或申诉对象不符）',
  APPEAL_OBJECT_NOT_FOUND: '申诉对象不存在',
  APPEAL_OPEN: '该对象已有待处理的申诉',
  APPEAL_NOT_FOUND: '申诉不存在',
  APPEAL_DECIDED: '该申诉已处理',
  BAD_APPEAL_DECISION: '申诉处理意见不正确',

  // Monthly notice (月度通报)
  NOTICE_NOT_READY: '该月点评尚未发布，不能编制通报',
  NOTICE_ISSUED: '该月通报已印发，不能再修改',
  BAD_NOTICE: '通报内容不正确',

  // People's records (周记实、月考核、季审定、一线工作日)
  PERSON_NOT_FOUND_IN_RECORDS: '人员不存在或不在数据范围内',
  NO_PERSON_LINKED: '本账号未关联人员，不能填写个人记实',
  WORK_LOG_LOCKED: '该周记实已锁定，不能再修改',
  BAD_WORK_LOG: '周记实不正确',
  BAD_FRONTLINE_DAY: '一线工作日登记不正确',
  FRONTLINE_DAY_EXISTS: '该日已登记一线工作',
  BAD_ASSESSMENT: '月度考核不正确',
  QUARTER_CONFIRMED: '该季度已审定，不能再修改',
  BAD_CONFIRMATION: '季度审定不正确',
  BAD_RECORDS_SETTINGS: '记实设置的取值不正确',

  // Stars (单位之星 / 干部之星) and highlight work (亮点工作)
  BAD_STAR_NOMINATION: '之星推荐不正确',
  STAR_NOMINATION_NOT_FOUND: '之星推荐不存在',
  BAD_STAR_DECISION: '之星评定不正确',
  STAR_LIMIT_REACHED: '本月之星已达上限',
  STARS_MONTH_CLOSED: '该月评星已定案，不能再修改',
  BAD_STAR_SETTINGS: '评星设置的取值不正确',
  BAD_HIGHLIGHT: '亮点工作推荐不正确',
  HIGHLIGHT_NOT_FOUND: '亮点工作推荐不存在',
  // Monthly meeting (月点评会)
  MEETING_PACK_NOT_READY: '月点评会材料尚未生成',
  BAD_MEETING: '月点评会记录不正确',
  MEETING_NOTE_NOT_FOUND: '批示或承诺不存在',
  // Key projects (重点项目) and photo comparison (影像比绩)
  BAD_PROJECT: '项目信息不正确',
  PROJECT_NOT_FOUND: '项目不存在',
  BAD_PROJECT_STEP: '工序信息不正确',
  PROJECT_STEP_NOT_FOUND: '工序不存在',
  STEP_ALREADY_LINKED: '工序已关联台账事项',
  BAD_INVESTMENT: '投资数据不正确',
  PROJECT_PHOTO_NOT_FOUND: '项目照片不存在',
  BAD_PROJECT_PHOTO: '项目照片信息不正确',
  // Self-assessment (绩效自评)
  BAD_SELF_ASSESSMENT: '绩效自评不正确',
  SELF_ASSESSMENT_NOT_FOUND: '绩效自评不存在或不在数据范围内',
  // Study ledger (党建 / 学习台账)
  BAD_STUDY_SESSION: '学习活动不正确',
  STUDY_SESSION_NOT_FOUND: '学习活动不存在或不在数据范围内',
  STUDY_MAKEUP_NOT_FOUND: '补学事项不存在或不在数据范围内',
  // Assessment archive (考核档案)
  ARCHIVE_UNIT_NOT_FOUND: '单位不存在或不在数据范围内',
  // Public board (公示 / 电子屏) and work-group digests (微信亮绩)
  BOARD_TOKEN_INVALID: '电子屏令牌无效或已撤销',
  BOARD_TOKEN_NOT_FOUND: '电子屏令牌不存在',
  BAD_BOARD_TOKEN: '电子屏令牌设置不正确',
  BAD_WORK_GROUP: '工作群设置不正确',
  WORK_GROUP_NOT_FOUND: '工作群不存在',

  // Inspections (明察暗访) and public disclosure (舆论督办)
  INSPECTION_NOT_FOUND: '督查记录不存在',
  INSPECTION_TEAM_NOT_FOUND: '督查组不存在',
  INSPECTION_TEAM_EXISTS: '督查组名称已被使用',
  BAD_INSPECTION: '督查计划或记录不正确',
  FINDING_NOT_FOUND: '该条发现不存在',
  BAD_DISCLOSURE: '公开内容不正确',
  PUBLIC_ITEM_NOT_FOUND: '公开事项不存在',
  // Each cadre's record (履责档案) and the annual opinion (年度考核意见)
  BAD_BANDING_RULE: '分档规则的取值不正确',
  OPINION_NOT_FOUND: '年度考核意见不存在',
  OPINION_ISSUED: '年度考核意见已印发，已冻结，不能再修改',
  BAD_OPINION_CHANGE: '考核意见的修改不正确',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;
