export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 423 | 429 | 500 | 503,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(code, message, 400, details);
export const unauthenticated = (message = '请先登录') => new AppError('UNAUTHENTICATED', message, 401);
export const forbidden = (message = '没有权限执行此操作') => new AppError('FORBIDDEN', message, 403);
export const notFound = (code: string, message: string) => new AppError(code, message, 404);
export const conflict = (code: string, message: string) => new AppError(code, message, 409);
