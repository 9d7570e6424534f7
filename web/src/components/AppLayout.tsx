import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Layout, Menu, Result, Space, Spin, Tag, Typography, type MenuProps } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ROLE_COLORS, ROLE_LABELS } from '../labels';
import { canOpen, NAV, type NavItem } from '../nav';
import { usePhone } from '../phone';
import AccountSecurityPage from '../pages/AccountSecurityPage';
import ChangePasswordPage from '../pages/ChangePasswordPage';
import { useCurrentUser, useLogout, useServerNow } from '../session';
import { todayText } from '../time';
import { InboxBell } from './InboxBell';
import { LogoMark } from './Logo';
import { OutboxBadge } from './OutboxBadge';

const APP_TITLE = '落实 · 督查督办系统';

function menuItems(items: NavItem[]): MenuProps['items'] {
  const sections: string[] = [];
  for (const item of items) if (item.section && !sections.includes(item.section)) sections.push(item.section);
  const entry = (item: NavItem) => ({ key: item.path, icon: item.icon, label: item.label });
  return [
    ...items.filter((i) => !i.section).map(entry),
    ...sections.map((section) => ({
      type: 'group' as const,
      key: section,
      label: section,
      children: items.filter((i) => i.section === section).map(entry),
    })),
  ];
}

// The active menu entry: the longest nav path the location starts with.
function activeItem(pathname: string): NavItem | undefined {
  return NAV.filter((i) => pathname === i.path || pathname.startsWith(`${i.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
}

export function AppLayout() {
  const me = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // On a phone the menu is a drawer and the header keeps only what fits a thumb's reach.
  const phone = usePhone();
  const allowed = NAV.filter((item) => canOpen(me, item));
  const active = activeItem(location.pathname);
  const now = useServerNow();

  useEffect(() => setDrawerOpen(false), [location.pathname]);

  useEffect(() => {
    document.title = active && active.path === location.pathname ? `${active.label} - ${APP_TITLE}` : APP_TITLE;
  }, [active, location.pathname]);

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => navigate('/password') },
    { key: 'security', icon: <SafetyCertificateOutlined />, label: '账号安全', onClick: () => navigate('/security') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: () => void logout() },
  ];

  const menu = <Menu theme="dark" mode="inline" selectedKeys={active ? [active.path] : []} items={menuItems(allowed)} onClick={({ key }) => navigate(key)} />;
  const brand = (showTitle: boolean) => (
    <Link to="/" className="app-brand">
      <LogoMark size={30} />
      {showTitle && <span className="app-brand-title">{APP_TITLE}</span>}
    </Link>
  );

  return (
    <Layout className={phone ? 'app-layout app-phone' : 'app-layout'}>
      {phone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
          data-testid="nav-drawer"
        >
          {brand(true)}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider width={224} collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" className="app-sider">
          {brand(!collapsed)}
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header">
          {phone ? (
            <div className="app-phone-title">
              <Button type="text" icon={<MenuOutlined />} aria-label="菜单" data-testid="nav-open" onClick={() => setDrawerOpen(true)} />
              <strong>{active?.label ?? '落实'}</strong>
            </div>
          ) : (
            <Typography.Text type="secondary">{todayText(now)}</Typography.Text>
          )}
          <Space size={phone ? 'small' : 'middle'}>
            {!phone && (
              <Space size={4} wrap>
                {me.roles.map((role) => (
                  <Tag key={role} color={ROLE_COLORS[role]} style={{ marginInlineEnd: 0 }}>
                    {ROLE_LABELS[role]}
                  </Tag>
                ))}
              </Space>
            )}
            {me.roles.length > 0 && <OutboxBadge />}
            {me.roles.length > 0 && <InboxBell />}
            <Dropdown menu={{ items: userMenu }} placement="bottomRight" trigger={phone ? ['click'] : ['hover']}>
              <Space className="app-user" size={8}>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d4fa3' }} />
                <span data-testid="current-user">{me.displayName}</span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Space>
            </Dropdown>
            {!phone && (
              <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
                退出登录
              </Button>
            )}
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<Spin size="large" className="page-spin" />}>
            <Routes>
              {NAV.flatMap((item) =>
                [item, ...(item.children ?? [])].map((route) => (
                  <Route key={route.path} path={route.path} element={canOpen(me, item) ? <route.page /> : <Forbidden />} />
                )),
              )}
              <Route path="/password" element={<ChangePasswordPage />} />
              <Route path="/security" element={<AccountSecurityPage />} />
              <Route path="*" element={<Result status="404" title="页面不存在" subTitle="您访问的页面不存在或已被移除。" extra={<HomeButton />} />} />
            </Routes>
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="app-footer">落实 · 督查督办与效能管理系统 · 所有操作均记入审计日志</Layout.Footer>
      </Layout>
    </Layout>
  );
}

function HomeButton() {
  return (
    <Link to="/">
      <Button type="primary">返回工作台</Button>
    </Link>
  );
}

function Forbidden() {
  return <Result status="403" title="无权访问" subTitle="您的角色没有访问此页面的权限，如有需要请联系安全管理员授权。" extra={<HomeButton />} />;
}
