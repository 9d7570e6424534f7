import { describe, expect, it } from 'vitest';
import * as labels from './labels.js';

const subset = (keys: readonly labels.ScoreFactKind[]) => Object.fromEntries(keys.map((k) => [k, labels.SCORE_FACT_LABELS[k]]));

// Every enum is paired with its label table; each value needs a label and each label a value.
const PAIRS: [string, readonly string[], Record<string, string>][] = [
  ['ROLES', labels.ROLES, labels.ROLE_LABELS],
  ['UNIT_KINDS', labels.UNIT_KINDS, labels.UNIT_KIND_LABELS],
  ['TASK_STATUSES', labels.TASK_STATUSES, labels.STATUS_LABELS],
  ['TASK_ACTIONS', labels.TASK_ACTIONS, labels.ACTION_LABELS],
  ['COLOURS', labels.COLOURS, labels.COLOUR_LABELS],
  ['PROJECT_KINDS', labels.PROJECT_KINDS, labels.PROJECT_KIND_LABELS],
  ['PHOTO_DATE_SOURCES', labels.PHOTO_DATE_SOURCES, labels.PHOTO_DATE_SOURCE_LABELS],
  ['TASK_SOURCES', labels.TASK_SOURCES, labels.SOURCE_LABELS],
  ['TASK_LEVELS', labels.TASK_LEVELS, labels.LEVEL_LABELS],
  ['SHEET_KINDS', labels.SHEET_KINDS, labels.SHEET_KIND_LABELS],
  ['SHEET_DUE_KINDS', labels.SHEET_DUE_KINDS, labels.DUE_KIND_LABELS],
  ['PART_STATUSES', labels.PART_STATUSES, labels.PART_STATUS_LABELS],
  ['PART_ACTIONS', labels.PART_ACTIONS, labels.PART_ACTION_LABELS],
  ['RULE_TARGETS', labels.RULE_TARGETS, labels.RULE_TARGET_LABELS],
  ['DAY_KINDS', labels.DAY_KINDS, labels.DAY_KIND_LABELS],
  ['INTERVIEW_STATUSES', labels.INTERVIEW_STATUSES, labels.INTERVIEW_STATUS_LABELS],
  ['INTERVIEW_LEVELS', labels.INTERVIEW_LEVELS, labels.INTERVIEW_LEVEL_LABELS],
  ['CLOSING_STATUSES', labels.CLOSING_STATUSES, labels.CLOSING_STATUS_LABELS],
  ['REVIEW_DECISIONS', labels.REVIEW_DECISIONS, labels.REVIEW_DECISION_LABELS],
  ['PLAN_STATUSES', labels.PLAN_STATUSES, labels.PLAN_STATUS_LABELS],
  ['PROPOSAL_STATUSES', labels.PROPOSAL_STATUSES, labels.PROPOSAL_STATUS_LABELS],
  ['ITEM_DECISIONS', labels.ITEM_DECISIONS, labels.DECISION_LABELS],
  ['ITEM_ORIGINS', labels.ITEM_ORIGINS, labels.ORIGIN_LABELS],
  ['REVIEW_GROUPS', labels.REVIEW_GROUPS, labels.REVIEW_GROUP_LABELS],
  ['LOTTERY_STATES', labels.LOTTERY_STATES, labels.LOTTERY_STATE_LABELS],
  ['SCORE_FACT_KINDS', labels.SCORE_FACT_KINDS, labels.SCORE_FACT_LABELS],
  ['APPEAL_OBJECTS', labels.APPEAL_OBJECTS, labels.APPEAL_OBJECT_LABELS],
  ['APPEAL_STATUSES', labels.APPEAL_STATUSES, labels.APPEAL_STATUS_LABELS],
  ['BONUS_KINDS', labels.BONUS_KINDS, labels.BONUS_KIND_LABELS],
  ['GRADES', labels.GRADES, labels.GRADE_LABELS],
  ['CADRE_GRADES', labels.CADRE_GRADES, labels.CADRE_GRADE_LABELS],
  ['FRONTLINE_ROLES', labels.FRONTLINE_ROLES, labels.FRONTLINE_ROLE_LABELS],
  ['STAR_KINDS', labels.STAR_KINDS, labels.STAR_KIND_LABELS],
  ['SELF_STANDARDS', labels.SELF_STANDARDS, labels.SELF_STANDARD_LABELS],
  ['SELF_STATUSES', labels.SELF_STATUSES, labels.SELF_STATUS_LABELS],
  ['STUDY_KINDS', labels.STUDY_KINDS, labels.STUDY_KIND_LABELS],
  ['STUDY_STATUSES', labels.STUDY_STATUSES, labels.STUDY_STATUS_LABELS],
  ['DOT_COLOURS', labels.DOT_COLOURS, labels.DOT_COLOUR_LABELS],
  ['CALENDAR_SOURCES', labels.CALENDAR_SOURCES, labels.CALENDAR_SOURCE_LABELS],
  ['STAR_STATUSES', labels.STAR_STATUSES, labels.STAR_STATUS_LABELS],
  ['STAR_DECISION_METHODS', labels.STAR_DECISION_METHODS, labels.STAR_DECISION_METHOD_LABELS],
  ['HIGHLIGHT_CYCLES', labels.HIGHLIGHT_CYCLES, labels.HIGHLIGHT_CYCLE_LABELS],
  ['HIGHLIGHT_STATUSES', labels.HIGHLIGHT_STATUSES, labels.HIGHLIGHT_STATUS_LABELS],
  ['PLAN_CYCLES', labels.PLAN_CYCLES, labels.PLAN_CYCLE_LABELS],
  ['INSPECTION_MODES', labels.INSPECTION_MODES, labels.INSPECTION_MODE_LABELS],
  ['INSPECTION_METHODS', labels.INSPECTION_METHODS, labels.INSPECTION_METHOD_LABELS],
  ['INSPECTION_STATUSES', labels.INSPECTION_STATUSES, labels.INSPECTION_STATUS_LABELS],
  ['FINDING_GRADES', labels.FINDING_GRADES, labels.FINDING_GRADE_LABELS],
  // Subsets of the fact kinds, labelled by the same table.
  ['SCORE_WEIGHT_KEYS', labels.SCORE_WEIGHT_KEYS, subset(labels.SCORE_WEIGHT_KEYS)],
  ['MANUAL_FACT_KINDS', labels.MANUAL_FACT_KINDS, subset(labels.MANUAL_FACT_KINDS)],
];

describe('shared labels', () => {
  it('pairs every exported enum with a label table', () => {
    const enums = Object.entries(labels)
      .filter(([, v]) => Array.isArray(v))
      .map(([k]) => k);
    expect(enums.sort()).toEqual(PAIRS.map(([name]) => name).sort());
  });

  it.each(PAIRS)('%s: every value has a non-empty Chinese label, and no label lacks a value', (_name, values, table) => {
    for (const v of values) expect(table[v], v).toMatch(/\p{Script=Han}/u);
    expect(Object.keys(table).sort()).toEqual([...values].sort());
  });
});
