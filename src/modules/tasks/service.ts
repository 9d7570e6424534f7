// The tasks module's use cases, each in its own file (access, detail, editing, transitions, sheets, progress; the
// ledger in ledger.ts). Other modules and the routes import them from here.
export { availableActions, loadVisibleTask, respondsFor, respondsOrCadre, taskNotFound, todayOf } from './access.js';
export { getTask, taskHistory } from './detail.js';
export { createAssignedTask, createTask, patchTask, type TaskInput, type TaskPatch, updateTask } from './editing.js';
export { addReport, type ReportInput } from './progress.js';
export { getSheet, presentSheet } from './sheets.js';
export { transition, type TransitionInput } from './transitions.js';
export { movePart, partsClosingBlocker, partsOf, setPart } from './parts.js';
