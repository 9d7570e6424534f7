// 公示 / 电子屏: the key tasks as red / yellow / green tiles by unit, for a wall display opened with a board token (no
// login). The office creates and revokes the tokens; a token opens this board and nothing else (GET /board is the only
// route that reads it, and the session check in app.ts never accepts it).
import { dayOf } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { AppError, badRequest, conflict, notFound } from '../../errors.js';
import { authorize } from '../../permissions.js';
import { recordAudit } from '../audit/service.js';
import { keyProjects } from '../projects/read.js';
import { type BoardColour, boardColour, boardTokenNameProblem, hashBoardToken, newBoardToken } from './rules.js';
import * as store from './store.js';

const tokenNotFound = () => notFound('BOARD_TOKEN_NOT_FOUND');

export function listBoardTokens(deps: Deps, actor: Actor) {
  authorize(actor, 'board.manage');
  return store.listTokens(deps.db);
}

/** A new token: its row (with the hash) and the token itself, which is shown this once and never stored. */
export async function createBoardToken(deps: Deps, who: Who & { actor: Actor }, input: { name: string }) {
  authorize(who.actor, 'board.manage');
  const problem = boardTokenNameProblem(input.name);
  if (problem) throw badRequest('BAD_BOARD_TOKEN', problem);
  const token = newBoardToken();
  const row = await deps.db.transaction(async (tx) => {
    const created = await store.insertToken(tx, {
      name: input.name.trim(),
      tokenHash: hashBoardToken(token),
      createdAt: deps.clock.now(),
      createdBy: who.actor.accountId,
    });
    await recordAudit(tx, deps, who, { action: 'board_token.create', targetType: 'board_token', targetId: created.id, after: { name: created.name } });
    return created;
  });
  return { row, token };
}

export async function revokeBoardToken(deps: Deps, who: Who & { actor: Actor }, id: number) {
  authorize(who.actor, 'board.manage');
  return deps.db.transaction(async (tx) => {
    const revoked = await store.revokeToken(tx, id, deps.clock.now(), who.actor.accountId);
    if (!revoked) {
      if (!(await store.findToken(tx, id))) throw tokenNotFound();
      throw conflict('ILLEGAL_TRANSITION', '该电子屏令牌已撤销');
    }
    await recordAudit(tx, deps, who, { action: 'board_token.revoke', targetType: 'board_token', targetId: id, after: { name: revoked.name } });
    return revoked;
  });
}

export interface BoardTile {
  title: string;
  colour: BoardColour;
  deadline: string;
  closedOn: string | null;
  leaderName: string | null;
}

/** The board behind a token: refused (401) for a missing, unknown or revoked token. */
export async function board(deps: Deps, token: string | undefined) {
  if (!token || !(await store.activeTokenByHash(deps.db, hashBoardToken(token)))) throw new AppError('BOARD_TOKEN_INVALID', undefined, 401);
  const today = dayOf(deps.clock.now());
  const rows = await store.boardTasks(deps.db, today, `${today.slice(0, 4)}-01-01`);
  const byUnit = new Map<number, { unitName: string; tiles: BoardTile[] }>();
  const totals: Record<BoardColour, number> = { red: 0, yellow: 0, green: 0 };
  for (const r of rows) {
    const colour = boardColour(r.colour);
    if (!colour) continue;
    totals[colour] += 1;
    const unit = byUnit.get(r.unitId) ?? { unitName: r.unitName, tiles: [] };
    unit.tiles.push({ title: r.title, colour, deadline: r.deadline, closedOn: r.closedOn, leaderName: r.leaderName });
    byUnit.set(r.unitId, unit);
  }
  const projects = await projectTiles(deps, today);
  // The lights in the header count every tile on the wall, the projects' too.
  for (const t of projects.flatMap((u) => u.tiles)) totals[t.colour] += 1;
  return { today, updatedAt: deps.clock.now(), totals, units: [...byUnit.values()], projects };
}

export interface ProjectTile {
  name: string;
  colour: BoardColour;
  lateSteps: number;
  leaderName: string | null;
}

// The key projects by lead unit, the same three lights; only the project's, unit's and leader's names leave here.
async function projectTiles(deps: Deps, today: string) {
  const byUnit = new Map<number, { unitName: string; tiles: ProjectTile[] }>();
  for (const p of await keyProjects(deps.db, today)) {
    const colour = boardColour(p.colour);
    if (!colour) continue;
    const unit = byUnit.get(p.project.leadUnitId) ?? { unitName: p.leadUnitName, tiles: [] };
    unit.tiles.push({ name: p.project.name, colour, lateSteps: p.lateSteps, leaderName: p.leadLeaderName });
    byUnit.set(p.project.leadUnitId, unit);
  }
  return [...byUnit.values()];
}
