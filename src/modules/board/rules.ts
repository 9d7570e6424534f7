import crypto from 'node:crypto';
import type { StatusColour } from '../../shared/labels.js';

// 32 random bytes, URL-safe: the board's address carries it. Only its SHA-256 is stored.
export const newBoardToken = () => crypto.randomBytes(32).toString('base64url');
export const hashBoardToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

export type BoardColour = 'red' | 'yellow' | 'green';

/** The wall's three lights: on track (blue) and closed (green) both show green; grey tasks are not on the board. */
export function boardColour(colour: StatusColour): BoardColour | null {
  if (colour === 'red' || colour === 'yellow') return colour;
  return colour === 'grey' ? null : 'green';
}

export function boardTokenNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return '请填写电子屏名称（如“政务大厅电子屏”）';
  if (trimmed.length > 60) return '电子屏名称不能超过 60 字';
  return null;
}
