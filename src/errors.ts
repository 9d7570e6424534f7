import { ERROR_CODES, type ErrorCode } from './shared/error-codes.js';

export type { ErrorCode };

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 423 | 429 | 500 | 503;

// The code is typed by the catalogue (src/shared/error-codes.ts), so an unknown code does not compile.
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    readonly status: ErrorStatus = 400,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

// The body every error answer has: `{ error: { code, message } }`.
export const errorBody = (code: ErrorCode, message: string = ERROR_CODES[code], details?: unknown) => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

export const badRequest = (code: ErrorCode, message?: string, details?: unknown) => new AppError(code, message, 400, details);
export const unauthenticated = (message?: string) => new AppError('UNAUTHENTICATED', message, 401);
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message, 403);
export const notFound = (code: ErrorCode, message?: string) => new AppError(code, message, 404);
export const conflict = (code: ErrorCode, message?: string) => new AppError(code, message, 409);
