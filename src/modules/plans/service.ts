// The monthly (预安) and weekly (10+N) plan: units propose, the leader in charge reviews, the office consolidates,
// the meeting decides item by item, and issuing turns the plan into assigned tasks. Each step is a file of its own;
// this file is the module's list of use cases.
export { planNotFound } from './access.js';
export { consolidate, createItem, mergeItems, splitItem, updateItem } from './consolidation.js';
export { draft } from './draft.js';
export type { ItemInput, ProposalInput } from './fields.js';
export { documentOf, issue, type UnitSheet, unitSheet } from './issue.js';
export { decide } from './meeting.js';
export { advancePeriod, createPeriod, getPeriod, listPeriods, updateSchedule } from './periods.js';
export { createProposal, getProposal, listProposals, submitProposal, updateProposal } from './proposals.js';
export { reviewProposal } from './review.js';
