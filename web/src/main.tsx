import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { isApiError, setSessionHandlers, type Me } from './api';
import { AppLayout } from './components/AppLayout';
import AccountSecurityPage from './pages/AccountSecurityPage';
import ChangePasswordPage from './pages/ChangePasswordPage';
import { canOpen, NAV } from './nav';
import LoginPage from './pages/LoginPage';
import PublicProgressPage from './pages/inspections/PublicProgressPage';
import { endSession, ME_KEY, MeContext, mustChangePassword, useMe } from './session';
import './styles.css';
import './time';

// The public board (公示电子屏) opens with its token, outside the session: no login page, no menu.
const BoardPage = lazy(() => import('./pages/board/BoardPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // Retrying cannot fix a refusal from the server; only network trouble is worth a second try.
      retry: (count, err) => !isApiError(err) && count < 2,
    },
  },
});

setSessionHandlers({
  // Session gone (timed out, logged out elsewhere): forget everything and show the login page.
  unauthorized: () => endSession(queryClient),
  // The password expired, or the policy now requires a second factor, while working: reloading the user brings up
  // the password or the enrolment page.
  passwordChangeRequired: () => void queryClient.invalidateQueries({ queryKey: ME_KEY }),
});

// Back to the page that asked for a login, if this user may open it (the last user may have had other roles).
function afterLogin(user: Me, state: unknown): string {
  const item = NAV.find((i) => i.path === (state as { from?: string } | null)?.from);
  return item && canOpen(user, item) ? item.path : '/';
}

function Root() {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <Spin size="large" className="page-spin" />;
  if (me.isError) {
    return (
      <Result
        status="500"
        title="无法连接服务器"
        subTitle={me.error.message}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  // 舆论督办: the public progress page opens for anyone, signed in or not.
  if (location.pathname === '/public') return <PublicProgressPage />;
  const user = me.data;
  if (!user) {
    const from = location.pathname === '/login' ? undefined : location.pathname;
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from }} />} />
      </Routes>
    );
  }
  // Until the password is changed, that is the only page.
  if (mustChangePassword(user)) return <ChangePasswordPage forced />;
  // Then, if the policy requires a second factor of this user's roles, binding one is the only page.
  if (user.totpEnrolmentRequired) return <AccountSecurityPage forced />;
  if (location.pathname === '/login') return <Navigate to={afterLogin(user, location.state)} replace />;
  return (
    <MeContext value={user}>
      <AppLayout />
    </MeContext>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      // Button labels exactly as written: no space pushed between two Chinese characters.
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          colorPrimary: '#1d4fa3',
          borderRadius: 4,
          fontFamily: "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
        },
        components: {
          Layout: { siderBg: '#0f2747', triggerBg: '#0b1e38', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' },
          Menu: { darkItemBg: '#0f2747', darkSubMenuItemBg: '#0b1e38', darkItemSelectedBg: '#1d4fa3', darkGroupTitleColor: 'rgba(255,255,255,0.45)' },
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route
                path="/board"
                element={
                  <Suspense fallback={<Spin size="large" className="page-spin" />}>
                    <BoardPage />
                  </Suspense>
                }
              />
              <Route path="*" element={<Root />} />
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);

// Installable on a phone, and opens with no signal (web/public/sw.js).
// Plain http on a county intranet cannot register one; the app works without it, so a refusal is not an error.
if (import.meta.env.PROD && 'serviceWorker' in navigator)
  window.addEventListener('load', () => navigator.serviceWorker.register('/sw.js').catch(() => undefined));
