import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, call, isApiError, type Schemas } from '../../api';
import './board.css';

type Board = Schemas['PublicBoard'];

const REFRESH_MS = 60_000;
const LIGHT_LABELS = { red: '逾期', yellow: '预警', green: '正常' } as const;

// The token travels in the address's fragment (#t=…), which the browser never sends to a server or writes to a log.
function tokenFromAddress(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('t') ?? '';
}

// Ticks on the server's time (its offset from the wall computer's, taken at each refresh), so a display whose own
// clock is wrong still shows the same day as the figures.
function Clock({ offsetMs }: { offsetMs: number }) {
  const [now, setNow] = useState(dayjs());
  useEffect(() => {
    const timer = setInterval(() => setNow(dayjs()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span className="board-clock">{now.add(offsetMs, 'ms').format('YYYY年M月D日 HH:mm')}</span>;
}

interface Tile {
  title: string;
  colour: 'red' | 'yellow' | 'green';
  meta: string;
}

// One section of the wall (重大事项, 重点项目): a panel per unit, a tile per item.
function TileSection<T>({ title, units, tile }: { title: string; units: { unitName: string; tiles: T[] }[]; tile: (item: T) => Tile }) {
  if (units.length === 0) return null;
  return (
    <>
      <h2 className="board-section">{title}</h2>
      <div className="board-units">
        {units.map((u) => (
          <section key={u.unitName} className="board-unit">
            <h2>{u.unitName}</h2>
            <ul>
              {u.tiles.map(tile).map((t, i) => (
                <li key={i} className={`board-tile board-${t.colour}`}>
                  <span className="board-tile-title">{t.title}</span>
                  <span className="board-tile-meta">{t.meta}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}

const withLeader = (text: string, leaderName: string | null) => (leaderName ? `${text} · ${leaderName}` : text);

// 公示 / 电子屏: full screen for a wall display, no login; the key tasks and projects as red / yellow / green tiles by unit, readable
// across a room, refreshed every minute. Opened with a board token the office made (电子屏管理).
export default function BoardPage() {
  const token = tokenFromAddress();
  const board = useQuery({
    queryKey: ['board', token],
    queryFn: () => call(api.GET('/api/v1/board', { params: { header: { 'x-board-token': token } } })),
    refetchInterval: REFRESH_MS,
    retry: false,
    enabled: token !== '',
  });
  const data: Board | undefined = board.data;
  const offsetMs = data ? dayjs(data.updatedAt).valueOf() - board.dataUpdatedAt : 0;
  const refused = token === '' || (board.isError && isApiError(board.error, 401));
  return (
    <div className="board">
      <header className="board-head">
        <h1>重点工作推进公示</h1>
        <div className="board-totals">
          {data &&
            (['red', 'yellow', 'green'] as const).map((k) => (
              <span key={k} className={`board-total board-${k}`}>
                {LIGHT_LABELS[k]} <b>{data.totals[k]}</b>
              </span>
            ))}
        </div>
        <Clock offsetMs={offsetMs} />
      </header>
      {refused ? (
        <div className="board-message">电子屏令牌无效或已撤销，请联系督查室</div>
      ) : board.isError ? (
        <div className="board-message">暂时无法连接服务器，稍后自动重试</div>
      ) : !data ? (
        <div className="board-message">正在读取……</div>
      ) : (
        <main>
          <TileSection
            title="重大事项"
            units={data.units}
            tile={(t) => ({
              title: t.title,
              colour: t.colour,
              meta: withLeader(t.closedOn ? `${dayjs(t.closedOn).format('M月D日')}完成` : `时限 ${dayjs(t.deadline).format('M月D日')}`, t.leaderName),
            })}
          />
          <TileSection
            title="重点项目"
            units={data.projects}
            tile={(t) => ({
              title: t.name,
              colour: t.colour,
              meta: withLeader(t.lateSteps > 0 ? `${t.lateSteps} 道工序滞后` : '工序按计划推进', t.leaderName),
            })}
          />
        </main>
      )}
      {data && <footer className="board-foot">每分钟自动刷新 · 更新于 {dayjs(data.updatedAt).format('HH:mm:ss')}</footer>}
    </div>
  );
}
