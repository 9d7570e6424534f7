// The chasing module's read model: its tables, for other modules' joins and names. Reading only.
export { interviews } from './schema.js';
