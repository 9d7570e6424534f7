import { useQuery } from '@tanstack/react-query';
import { Card, Skeleton } from 'antd';
import { Link } from 'react-router';
import { api, call } from '../../api';
import { BOARD_KEY, CHASING_SHEET_KINDS } from '../../chasing';
import { SheetKindTag } from '../../components/SheetKindTag';

// 本月督办单: how many of each chasing sheet went out this month; each opens the board at that kind.
export function IssuedSheets() {
  const issued = useQuery({ queryKey: [...BOARD_KEY, 'issued'], queryFn: () => call(api.GET('/api/v1/chasing/issued')) });
  return (
    <Card title={`本月督办单（${issued.data?.total ?? 0}）`} variant="borderless" style={{ marginBottom: 16 }} extra={<Link to="/chasing">督办看板</Link>}>
      {!issued.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <div className="issued-sheets">
          {CHASING_SHEET_KINDS.map((kind) => (
            <Link key={kind} to={`/chasing?kind=${kind}`} className="issued-sheet" data-kind={kind}>
              <SheetKindTag kind={kind} />
              <span className="issued-sheet-count">{issued.data.counts[kind] ?? 0}</span>
            </Link>
          ))}
        </div>
      )}
    </Card>
  );
}
