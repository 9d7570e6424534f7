import { Breadcrumb, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface Props {
  title: string;
  // The breadcrumb's last step, when the title is too long for it (a task's title).
  crumb?: string;
  // Sections above this page, e.g. 系统管理.
  section?: string;
  // Pages between the section and this one, e.g. 工作台账 above a task.
  parents?: { title: string; to: string }[];
  subTitle?: ReactNode;
  extra?: ReactNode;
  // Shown right after the title, e.g. the status of a task.
  tags?: ReactNode;
}

export function PageHeader({ title, crumb, section, parents = [], subTitle, extra, tags }: Props) {
  const items = [
    { title: <Link to="/">首页</Link> },
    ...(section ? [{ title: section }] : []),
    ...parents.map((p) => ({ title: <Link to={p.to}>{p.title}</Link> })),
    { title: crumb ?? title },
  ];
  return (
    <div className="page-header">
      <Breadcrumb items={items} />
      <div className="page-header-row">
        <div>
          <div className="page-header-title">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {tags}
          </div>
          {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        </div>
        {extra && <div className="page-header-extra">{extra}</div>}
      </div>
    </div>
  );
}
