import type { ReactNode } from 'react';
import { LogoMark } from './Logo';

// The full-screen frame around the login and forced password-change cards.
export function LoginShell({ children }: { children: ReactNode }) {
  return (
    <div className="login-page">
      <div className="login-brand">
        <LogoMark size={52} />
        <div>
          <h1>落实 · 督查督办系统</h1>
          <p>督查督办 · 跟踪问效 · 销号清零</p>
        </div>
      </div>
      {children}
      <div className="login-footer">
        本系统仅限授权人员使用，所有操作均记入审计日志
        <br />
        建议使用最新版 Chrome、Edge 或国产浏览器极速模式访问
      </div>
    </div>
  );
}
