import { Breadcrumb, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface Props {
  title: string;
  // Sections above this page, e.g. 系统管理.
  section?: string;
  subTitle?: ReactNode;
  extra?: ReactNode;
}

export function PageHeader({ title, section, subTitle, extra }: Props) {
  const items = [{ title: <Link to="/">首页</Link> }, ...(section ? [{ title: section }] : []), { title }];
  return (
    <div className="page-header">
      <Breadcrumb items={items} />
      <div className="page-header-row">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        </div>
        {extra && <div className="page-header-extra">{extra}</div>}
      </div>
    </div>
  );
}
