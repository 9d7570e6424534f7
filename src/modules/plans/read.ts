// The plans module's read model: its tables, for other modules' joins and names. Reading only.
export { planItems, planPeriods, planProposals } from './schema.js';
