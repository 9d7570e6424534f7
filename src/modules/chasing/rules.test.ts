import { describe, expect, it } from 'vitest';
import { addCalendarDays, buildCalendar, type Day } from '../../calendar/rules.js';
import type { TaskStatus } from '../tasks/rules.js';
import type { SheetKind } from '../tasks/read.js';
import {
  chainSheets,
  type ChaseTask,
  dueDates,
  type IssuedLadderSheet,
  type IssuedWarning,
  ladderSheets,
  ruleProblems,
  settingsProblems,
  type TimeLimitRule,
} from './rules.js';

// The default 13710 classes, as the migration seeds them.
const RULES: TimeLimitRule[] = [
  { code: 'deploy', name: '当日研究部署', target: 'sign', days: 0, dayKind: 'working', levels: [], sources: [], active: true },
  { code: 'feedback', name: '3日内首次反馈', target: 'first_report', days: 3, dayKind: 'working', levels: [], sources: [], active: true },
  {
    code: 'general',
    name: '一般事项7日内办结',
    target: 'resolve',
    days: 7,
    dayKind: 'working',
    levels: ['general'],
    sources: ['leader_instruction', 'petition'],
    active: true,
  },
  {
    code: 'major',
    name: '重大事项1个月内办结',
    target: 'resolve',
    days: 1,
    dayKind: 'month',
    levels: ['major'],
    sources: ['leader_instruction', 'petition'],
    active: true,
  },
];
const SETTINGS = { urgeDaysBefore: 3, referralGraceWorkingDays: 5, deductionPoints: 1 };
const CAL = buildCalendar([]);

interface Story {
  level: 'general' | 'major';
  assignedOn: Day;
  signedOn: Day | null;
  firstReportOn: Day | null;
  deadline: Day;
  period: string;
}

// Runs the scanner's rules once a day and records the first day each sheet would be issued.
function simulate(story: Story, from: Day, to: Day): Record<string, Day> {
  const issued: Record<string, Day> = {};
  for (let today = from; today <= to; today = addCalendarDays(today, 1)) {
    const signed = story.signedOn !== null && story.signedOn <= today;
    const reported = story.firstReportOn !== null && story.firstReportOn <= today;
    const status: TaskStatus = reported ? 'in_progress' : signed ? 'signed' : 'assigned';
    const task: ChaseTask = {
      status,
      level: story.level,
      source: 'leader_instruction',
      deadline: story.deadline,
      period: story.period,
      assignedOn: story.assignedOn,
      signedOn: signed ? story.signedOn : null,
      firstReportOn: reported ? story.firstReportOn : null,
      hasMilestones: false,
      reportDueMissed: null,
      importedHistory: false,
    };
    const warnings: IssuedWarning[] = Object.entries(issued)
      .filter(([key]) => key.startsWith('warning '))
      .map(([key, issuedOn]) => {
        const [, dueKind, dueDay] = key.split(' ');
        return { dueKind: dueKind!, dueDay: dueDay!, issuedOn };
      });
    const ladder: IssuedLadderSheet[] = Object.entries(issued)
      .filter(([key]) => key.split(' ')[1] === 'month')
      .map(([key, issuedOn]) => ({ kind: key.split(' ')[0] as SheetKind, issuedOn }));
    const sheets = [...chainSheets(task, dueDates(task, RULES, CAL), warnings, today, SETTINGS, CAL), ...ladderSheets(task, ladder, today, SETTINGS)];
    for (const s of sheets) issued[`${s.kind} ${s.dueKind} ${s.dueDay}`] ??= today;
  }
  return issued;
}

describe('a general item across the 2026 Spring Festival (off 02-15…02-23; 02-14 and 02-28 are working Saturdays)', () => {
  const story: Story = {
    level: 'general',
    assignedOn: '2026-02-12',
    signedOn: '2026-02-24',
    firstReportOn: '2026-02-26',
    deadline: '2026-03-10',
    period: '2026-02',
  };

  it('gets its due dates from the 13710 classes in working days', () => {
    const task: ChaseTask = {
      ...story,
      status: 'assigned',
      source: 'leader_instruction',
      signedOn: null,
      firstReportOn: null,
      hasMilestones: false,
      reportDueMissed: null,
      importedHistory: false,
    };
    expect(dueDates(task, RULES, CAL).map((d) => [d.kind, d.day])).toEqual([
      ['sign', '2026-02-12'],
      ['first_report', '2026-02-24'],
      ['resolve', '2026-02-28'],
      ['deadline', '2026-03-10'],
    ]);
  });

  it('receives each sheet on the right day', () => {
    expect(simulate(story, '2026-02-12', '2026-07-01')).toEqual({
      // Not signed on the day of assignment: warned the next day; signed 02-24, before the 5-working-day grace ran out.
      'warning sign 2026-02-12': '2026-02-13',
      // First feedback due 02-24, given 02-26.
      'warning first_report 2026-02-24': '2026-02-25',
      // 7 working days end 02-28 (a working Saturday): urged 3 days before, warned after, referred 5 working days later.
      'urge resolve 2026-02-28': '2026-02-25',
      'warning resolve 2026-02-28': '2026-03-01',
      'referral resolve 2026-02-28': '2026-03-06',
      // The task's own deadline: urged from the third working day before it (Thu 03-05), not a calendar Saturday.
      'urge deadline 2026-03-10': '2026-03-05',
      'warning deadline 2026-03-10': '2026-03-11',
      'referral deadline 2026-03-10': '2026-03-18',
      // Months-overdue ladder for a February item due 03-10: it counts from the deadline's month, not February.
      'rectify month 2026-03-31': '2026-04-01',
      'admonish month 2026-04-30': '2026-05-01',
      'referral month 2026-06-30': '2026-07-01',
    });
  });
});

describe('a major item over the same months (one calendar month, so the holiday does not stretch it)', () => {
  const story: Story = {
    level: 'major',
    assignedOn: '2026-02-10',
    signedOn: '2026-02-10',
    firstReportOn: '2026-02-11',
    deadline: '2026-04-30',
    period: '2026-04',
  };

  it('receives each sheet on the right day, with the May Day holiday stretching the referral grace', () => {
    expect(simulate(story, '2026-02-10', '2026-08-01')).toEqual({
      // One calendar month from 02-10 is 03-10 (not 30 days, 03-12); urged from the third working day before it.
      'urge resolve 2026-03-10': '2026-03-05',
      'warning resolve 2026-03-10': '2026-03-11',
      'referral resolve 2026-03-10': '2026-03-18',
      'urge deadline 2026-04-30': '2026-04-27',
      'warning deadline 2026-04-30': '2026-05-01',
      // 05-01…05-05 off, 05-09 a working Saturday: the fifth working day after 05-01 is 05-11.
      'referral deadline 2026-04-30': '2026-05-11',
      'rectify month 2026-04-30': '2026-05-01',
      'admonish month 2026-05-31': '2026-06-01',
      'referral month 2026-07-31': '2026-08-01',
    });
  });

  it('a dated plan (milestones) meets the one-month limit for a major item', () => {
    const task: ChaseTask = {
      ...story,
      status: 'in_progress',
      source: 'leader_instruction',
      hasMilestones: true,
      reportDueMissed: null,
      importedHistory: false,
    };
    expect(dueDates(task, RULES, CAL).find((d) => d.kind === 'resolve')?.met).toBe(true);
  });

  it.each([
    ['in_progress', true],
    ['returned', true],
    ['closing_requested', false],
    ['suspended', false],
  ] as const)('a missed report day is chased while the task is %s: %s', (status, chased) => {
    const task: ChaseTask = { ...story, status, source: 'meeting', hasMilestones: false, reportDueMissed: '2026-03-20', importedHistory: false };
    expect(dueDates(task, RULES, CAL).some((d) => d.kind === 'report')).toBe(chased);
  });
});

describe('the months-overdue ladder counts from the later of period end, deadline and handover, one step a day', () => {
  // A January task due 31 March, handed over on 5 January (the example).
  const january: ChaseTask = {
    status: 'in_progress',
    level: 'general',
    source: 'meeting',
    deadline: '2026-03-31',
    period: '2026-01',
    assignedOn: '2026-01-05',
    signedOn: '2026-01-05',
    firstReportOn: '2026-01-06',
    hasMilestones: false,
    reportDueMissed: null,
    importedHistory: false,
  };
  const rectify = { kind: 'rectify', dueKind: 'month', dueDay: '2026-03-31', points: 1 };
  const admonish = { kind: 'admonish', dueKind: 'month', dueDay: '2026-04-30' };
  const referral = { kind: 'referral', dueKind: 'month', dueDay: '2026-06-30' };
  const had = (...sheets: [SheetKind, Day][]): IssuedLadderSheet[] => sheets.map(([kind, issuedOn]) => ({ kind, issuedOn }));

  it.each([
    ['nothing after January while the deadline is ahead', january, [], '2026-02-01', []],
    ['nothing after February while the deadline is ahead', january, [], '2026-03-01', []],
    ['nothing on the deadline day', january, [], '2026-03-31', []],
    ['rectification the day after the deadline’s month ends', january, [], '2026-04-01', [rectify]],
    ['admonishment a month later', january, had(['rectify', '2026-04-01']), '2026-05-01', [admonish]],
    ['nothing between the steps', january, had(['rectify', '2026-04-01']), '2026-04-30', []],
    ['referral three months after the first step’s month', january, had(['rectify', '2026-04-01'], ['admonish', '2026-05-01']), '2026-07-01', [referral]],
    ['nothing after the last step', january, had(['rectify', '2026-04-01'], ['admonish', '2026-05-01'], ['referral', '2026-07-01']), '2026-09-01', []],
    ['a missed scan catches up one step, never skipping rectification', january, [], '2026-07-02', [rectify]],
    ['never two ladder sheets on one day', january, had(['rectify', '2026-07-02']), '2026-07-02', []],
    ['the next step follows on a later scan', january, had(['rectify', '2026-07-02']), '2026-07-03', [admonish]],
    ['a deadline inside the period counts from the period’s end', { ...january, period: '2026-03', deadline: '2026-03-20' }, [], '2026-04-01', [rectify]],
    [
      'a task handed over after its month ended gets nothing that month',
      { ...january, deadline: '2026-01-31', assignedOn: '2026-03-15' },
      [],
      '2026-03-15',
      [],
    ],
    ['… and counts from the handover month', { ...january, deadline: '2026-01-31', assignedOn: '2026-03-15' }, [], '2026-04-01', [rectify]],
    [
      'a deadline extended after rectification moves the next step and does not repeat rectification',
      { ...january, deadline: '2026-04-15' },
      had(['rectify', '2026-04-01']),
      '2026-05-01',
      [],
    ],
  ] as [string, ChaseTask, IssuedLadderSheet[], Day, object[]][])('%s', (_, task, issued, today, expected) => {
    expect(ladderSheets(task, issued, today, SETTINGS)).toEqual(expected);
  });

  it('a task handed over today with its deadline already past gets at most one sheet today', () => {
    const task: ChaseTask = {
      ...january,
      status: 'assigned',
      deadline: '2026-02-10',
      period: '2026-01',
      assignedOn: '2026-03-16',
      signedOn: null,
      firstReportOn: null,
    };
    const today = '2026-03-16';
    const sheets = [...chainSheets(task, dueDates(task, RULES, CAL), [], today, SETTINGS, CAL), ...ladderSheets(task, [], today, SETTINGS)];
    expect(sheets).toEqual([{ kind: 'warning', dueKind: 'deadline', dueDay: '2026-02-10' }]);
  });
});

describe('what is not chased', () => {
  const base: ChaseTask = {
    status: 'in_progress',
    level: 'general',
    source: 'meeting',
    deadline: '2026-03-10',
    period: '2026-03',
    assignedOn: '2026-03-02',
    signedOn: '2026-03-02',
    firstReportOn: '2026-03-03',
    hasMilestones: false,
    reportDueMissed: null,
    importedHistory: false,
  };

  it.each(['closed', 'cancelled', 'suspended', 'draft', 'declined'] as const)('a %s task gets no sheets', (status) => {
    const task = { ...base, status };
    expect(chainSheets(task, dueDates(task, RULES, CAL), [], '2026-06-01', SETTINGS, CAL)).toEqual([]);
    expect(ladderSheets(task, [], '2026-06-01', SETTINGS)).toEqual([]);
  });

  it('a task waiting for closing review is not laddered and its deadline counts as met', () => {
    const task = { ...base, status: 'closing_requested' as const };
    expect(chainSheets(task, dueDates(task, RULES, CAL), [], '2026-03-20', SETTINGS, CAL)).toEqual([]);
    expect(ladderSheets(task, [], '2026-06-01', SETTINGS)).toEqual([]);
  });

  it('the resolve classes apply only to their sources: a meeting item has just sign, feedback and deadline', () => {
    expect(dueDates(base, RULES, CAL).map((d) => d.kind)).toEqual(['sign', 'first_report', 'deadline']);
  });

  it('a missed cadence report counts like a missed deadline: warned at once', () => {
    const task = { ...base, reportDueMissed: '2026-03-06' };
    expect(chainSheets(task, dueDates(task, RULES, CAL), [], '2026-03-07', SETTINGS, CAL)).toContainEqual({
      kind: 'warning',
      dueKind: 'report',
      dueDay: '2026-03-06',
    });
  });

  it('a due date in a year without holiday data is provisional', () => {
    const task = { ...base, assignedOn: '2027-01-04', deadline: '2027-02-01', period: '2027-01' };
    expect(dueDates(task, RULES, CAL).find((d) => d.kind === 'first_report')?.provisional).toBe(true);
  });
});

describe('dates (issue 9): working-day urges, the major class as a month, holidays, provisional sheets', () => {
  const base: ChaseTask = {
    status: 'in_progress',
    level: 'major',
    source: 'leader_instruction',
    deadline: '2026-12-31',
    period: '2026-01',
    assignedOn: '2026-01-20',
    signedOn: '2026-01-20',
    firstReportOn: '2026-01-21',
    hasMilestones: false,
    reportDueMissed: null,
    importedHistory: false,
  };
  const resolveDay = (task: ChaseTask, rules = RULES) => dueDates(task, rules, CAL).find((d) => d.kind === 'resolve');
  const urges = (task: ChaseTask, today: Day) => chainSheets(task, dueDates(task, RULES, CAL), [], today, SETTINGS, CAL).filter((s) => s.kind === 'urge');

  it.each([
    ['01-31 plus a month is the end of February, not 03-02', '2026-01-31', '2026-02-28'],
    ['03-15 plus a month is 04-15 (30 days would be 04-14)', '2026-03-15', '2026-04-15'],
    ['a month that ends in the Spring Festival moves to the first working day after it (01-20 → 02-20 → 02-24)', '2026-01-20', '2026-02-24'],
    ['a month that ends on a working day stays (05-10 → 06-10)', '2026-05-10', '2026-06-10'],
    ['a month that ends on a Sunday moves to Monday (02-08 → 03-08 → 03-09)', '2026-02-08', '2026-03-09'],
    ['a month ending on the National Day holiday moves past it (09-01 → 10-01 → 10-08)', '2026-09-01', '2026-10-08'],
  ])('the major class: %s', (_, assignedOn, expected) => {
    expect(resolveDay({ ...base, assignedOn })?.day).toBe(expected);
  });

  it.each([
    ['a calendar-day limit ending on a Sunday moves to Monday', '2026-03-01', 14, '2026-03-16'],
    ['a calendar-day limit ending on a Spring Festival day moves to the first working day after it', '2026-02-09', 7, '2026-02-24'],
    ['a calendar-day limit ending on a working Saturday (调休) stays', '2026-02-07', 7, '2026-02-14'],
  ])('%s', (_, assignedOn, days, expected) => {
    const rules: TimeLimitRule[] = [{ ...RULES[3]!, days, dayKind: 'calendar' }];
    expect(resolveDay({ ...base, assignedOn }, rules)?.day).toBe(expected);
  });

  it.each([
    // Deadline Tue 02-24, the first working day after the Spring Festival (02-15…02-23): three working days before
    // it are 02-14 (a working Saturday), 02-13 and 02-12. Calendar days would urge on 02-21, in the holiday.
    ['urged from the third working day before a deadline', '2026-02-12', 1],
    ['not urged before that', '2026-02-11', 0],
    ['urged on a working Saturday (调休)', '2026-02-14', 1],
    ['never urged on a Spring Festival day', '2026-02-21', 0],
    ['never urged on a Sunday', '2026-03-08', 0],
  ])('urges in working days: %s', (_, today, count) => {
    const task = { ...base, level: 'general' as const, source: 'meeting', deadline: today === '2026-03-08' ? '2026-03-10' : '2026-02-24' };
    expect(urges(task, today)).toHaveLength(count);
  });

  it('sheets chasing a date counted over a year without holiday data are provisional; others are not', () => {
    const task = {
      ...base,
      level: 'general' as const,
      assignedOn: '2027-01-04',
      signedOn: null,
      firstReportOn: null,
      deadline: '2027-03-31',
      period: '2027-01',
    };
    const sheets = chainSheets(task, dueDates(task, RULES, CAL), [], '2027-01-08', SETTINGS, CAL);
    expect(sheets).toContainEqual({ kind: 'warning', dueKind: 'first_report', dueDay: '2027-01-07', provisional: true });
    const known = { ...task, assignedOn: '2026-03-02', deadline: '2026-03-31', period: '2026-03' };
    expect(chainSheets(known, dueDates(known, RULES, CAL), [], '2026-03-06', SETTINGS, CAL).every((s) => s.provisional === undefined)).toBe(true);
  });
});

describe('imported history is never chased', () => {
  const history: ChaseTask = {
    status: 'assigned',
    level: 'general',
    source: 'meeting',
    deadline: '2025-12-31',
    period: '2025-12',
    assignedOn: '2026-03-16',
    signedOn: null,
    firstReportOn: null,
    hasMilestones: false,
    reportDueMissed: null,
    importedHistory: true,
  };

  it.each(['2026-03-16', '2026-03-17', '2026-06-01', '2026-12-01'])('no chain sheet and no ladder sheet on %s', (today) => {
    expect(chainSheets(history, dueDates(history, RULES, CAL), [], today, SETTINGS, CAL)).toEqual([]);
    expect(ladderSheets(history, [], today, SETTINGS)).toEqual([]);
  });

  it('the same task, not imported, is warned the day after handover', () => {
    const task = { ...history, importedHistory: false };
    expect(chainSheets(task, dueDates(task, RULES, CAL), [], '2026-03-17', SETTINGS, CAL).map((s) => s.kind)).toContain('warning');
  });
});

describe('bad settings', () => {
  it.each([
    [{ name: '反馈', days: -1, dayKind: 'working' as const, target: 'first_report' as const }, ['天数必须是不小于 0 的整数']],
    [{ name: '反馈', days: 1000, dayKind: 'working' as const, target: 'first_report' as const }, ['天数不能超过 366 天']],
    [{ name: '反馈', days: 2.5, dayKind: 'working' as const, target: 'first_report' as const }, ['天数必须是不小于 0 的整数']],
    [{ name: ' ', days: 3, dayKind: 'working' as const, target: 'first_report' as const }, ['请填写规则名称']],
    [{ name: '重大', days: 13, dayKind: 'month' as const, target: 'resolve' as const }, ['按月计的时限不能超过 12 个月']],
    [{ name: '重大', days: 1, dayKind: 'month' as const, target: 'resolve' as const }, []],
  ])('rule %j', (rule, problems) => {
    expect(ruleProblems(rule)).toEqual(problems);
  });

  it('settings bounds', () => {
    expect(settingsProblems(SETTINGS)).toEqual([]);
    expect(settingsProblems({ urgeDaysBefore: 0, referralGraceWorkingDays: 99, deductionPoints: -1 })).toHaveLength(3);
  });
});
