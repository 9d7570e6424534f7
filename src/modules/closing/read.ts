// The closing module's read model: its tables, for other modules' joins and names. Reading only.
import { sql } from 'drizzle-orm';
import { closingRequests, closingSiteChecks } from './schema.js';

export { closingRequests };

// The attachments closing requests and site checks hold as evidence, as a subquery of ids (for the orphan sweep).
export const evidenceAttachmentIds = () =>
  sql`(SELECT jsonb_array_elements(${closingRequests.attachmentIds})::int FROM ${closingRequests} UNION ALL SELECT jsonb_array_elements(${closingSiteChecks.attachmentIds})::int FROM ${closingSiteChecks})`;
