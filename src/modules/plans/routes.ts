import { createRouter } from '../../http.js';
import { carryOverRoutes } from './carry-over-routes.js';
import { consolidationRoutes } from './consolidation-routes.js';
import { issueRoutes } from './issue-routes.js';
import { meetingRoutes } from './meeting-routes.js';
import { periodRoutes } from './period-routes.js';
import { proposalRoutes } from './proposal-routes.js';
import { reviewRoutes } from './review-routes.js';
import { sheetRoutes } from './sheet-routes.js';
import { withdrawRoutes } from './withdraw-routes.js';

// The plans module's routes, one file per use case: a period, its proposals and their review,
// consolidation, the meeting, the issue, the units' plan sheets, and carry-overs.
export const planRoutes = createRouter()
  .route('/', periodRoutes)
  .route('/', proposalRoutes)
  .route('/', withdrawRoutes)
  .route('/', reviewRoutes)
  .route('/', consolidationRoutes)
  .route('/', meetingRoutes)
  .route('/', issueRoutes)
  .route('/', sheetRoutes)
  .route('/', carryOverRoutes);
