// The closing module's read model: its tables, for other modules' joins and names. Reading only.
export { closingRequests } from './schema.js';
