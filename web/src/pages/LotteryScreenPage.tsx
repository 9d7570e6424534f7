import { CloseOutlined, ExpandOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call } from '../api';
import { errorMessage } from '../components/feedback';
import { REVIEW_GROUP_LABELS, REVIEW_GROUPS } from '../labels';
import { drawKey, DRAWS_KEY, fetchDraw, monthText, type Draw, type DrawGroup } from '../lottery';
import { hasRole, useCurrentUser } from '../session';
import './lottery.css';

const SHUFFLE_MS = 3600;
const STEP_MS = 110;
const ORDER_MARKS = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];

type Phase = 'idle' | 'shuffling' | 'result';

const countOf = (draw: Draw, g: DrawGroup) => (g === 'town' ? draw.towns : draw.countyUnits);

// A few random candidates of each group, lit while the shuffle runs: only a show for the room, the draw itself is
// computed by the server from the seed.
function randomPick(draw: Draw): Set<number> {
  const lit = new Set<number>();
  for (const g of REVIEW_GROUPS) {
    const ids = draw.candidates.filter((c) => c.group === g).map((c) => c.unitId);
    for (let i = 0; i < Math.min(countOf(draw, g), ids.length); i++) lit.add(ids[Math.floor(Math.random() * ids.length)]!);
  }
  return lit;
}

// The meeting-room screen (会场大屏): the candidates of each group, a short shuffle, then the drawn units shown big.
export default function LotteryScreenPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const me = useCurrentUser();
  const office = hasRole(me, 'office');
  const queryClient = useQueryClient();
  const draw = useQuery({ queryKey: drawKey(id), queryFn: () => fetchDraw(id), enabled: Number.isInteger(id) });
  const [phase, setPhase] = useState<Phase | null>(null);
  const [lit, setLit] = useState<Set<number>>(new Set());
  const [publicInput, setPublicInput] = useState('');
  const timers = useRef<number[]>([]);

  const current = draw.data;
  const shown: Phase = phase ?? (current?.state === 'drawn' ? 'result' : 'idle');

  const stopTimers = () => {
    timers.current.forEach((t) => window.clearInterval(t));
    timers.current = [];
  };
  useEffect(() => stopTimers, []);

  const shuffle = (d: Draw) => {
    stopTimers();
    setPhase('shuffling');
    timers.current.push(window.setInterval(() => setLit(randomPick(d)), STEP_MS));
    timers.current.push(
      window.setTimeout(() => {
        stopTimers();
        setLit(new Set());
        setPhase('result');
      }, SHUFFLE_MS),
    );
  };

  const make = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/lottery/months/{period}/draw', { params: { path: { period: current!.period } }, body: { publicInput: publicInput.trim() || null } }),
      ),
    onSuccess: (drawn) => {
      queryClient.setQueryData(drawKey(id), drawn);
      void queryClient.invalidateQueries({ queryKey: DRAWS_KEY });
      shuffle(drawn);
    },
  });

  if (draw.isPending) return <Spin size="large" className="page-spin" />;
  if (!current) return <Result status="404" title="抽签记录不存在" extra={<Link to="/lottery">返回抽签述职</Link>} />;

  // The drawn units stay marked among the candidates once the result has been shown.
  const drawnIds = new Set(shown !== 'shuffling' ? (current.result ?? []).map((r) => r.unitId) : []);
  const canDraw = office && current.state === 'committed' && !make.isPending;

  return (
    <div className="lottery-screen" data-phase={shown}>
      <header className="lottery-screen-head">
        <div>
          <div className="lottery-screen-title">{monthText(current.period)} 抽签述职</div>
          <div className="lottery-screen-sub">
            {REVIEW_GROUPS.map((g) => `${REVIEW_GROUP_LABELS[g]}抽取 ${countOf(current, g)} 个`).join('，')}
            {`；前 ${current.excludeMonths} 个月已抽中的单位不作为候选`}
          </div>
        </div>
        <div className="lottery-screen-tools">
          {shown === 'result' && (
            <Button ghost icon={<ReloadOutlined />} onClick={() => shuffle(current)}>
              重放
            </Button>
          )}
          <Button ghost icon={<ExpandOutlined />} onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
            全屏
          </Button>
          <Button ghost icon={<CloseOutlined />} onClick={() => void navigate('/lottery')}>
            退出
          </Button>
        </div>
      </header>

      <main className="lottery-screen-groups">
        {REVIEW_GROUPS.map((g) => {
          const candidates = current.candidates.filter((c) => c.group === g);
          return (
            <section key={g} className={`lottery-group lottery-group-${g}`}>
              <h2>
                {REVIEW_GROUP_LABELS[g]}
                <span>候选 {candidates.length} 个</span>
              </h2>
              <div className="lottery-chips">
                {candidates.map((c) => (
                  <div key={c.unitId} className={`lottery-chip${lit.has(c.unitId) ? ' lit' : ''}${drawnIds.has(c.unitId) ? ' drawn' : ''}`}>
                    {c.unitName}
                  </div>
                ))}
              </div>
            </section>
          );
        })}
      </main>

      {shown === 'result' && current.result && (
        <div className="lottery-result" role="dialog" aria-label="抽签结果">
          <div className="lottery-result-title">抽中述职单位</div>
          <div className="lottery-result-groups">
            {REVIEW_GROUPS.map((g) => (
              <div key={g} className="lottery-result-group">
                <div className="lottery-result-label">{REVIEW_GROUP_LABELS[g]}</div>
                {current
                  .result!.filter((r) => r.group === g)
                  .map((r) => (
                    <div key={r.unitId} className="lottery-result-name">
                      <span>{ORDER_MARKS[r.order - 1] ?? r.order}</span>
                      {r.unitName}
                    </div>
                  ))}
              </div>
            ))}
          </div>
          <button type="button" className="lottery-result-close" onClick={() => setPhase('idle')}>
            查看候选名单
          </button>
        </div>
      )}

      <footer className="lottery-screen-foot">
        {canDraw && (
          <div className="lottery-draw-control">
            <Input
              size="large"
              placeholder="现场公开数字（可不填）"
              value={publicInput}
              maxLength={64}
              onChange={(e) => setPublicInput(e.target.value)}
              onPressEnter={() => make.mutate()}
            />
            <Button type="primary" size="large" danger onClick={() => make.mutate()}>
              开始抽签
            </Button>
          </div>
        )}
        {make.isPending && <div className="lottery-screen-note">正在抽签…</div>}
        {make.error && <div className="lottery-screen-error">{errorMessage(make.error)}</div>}
        {current.state === 'committed' && !office && <div className="lottery-screen-note">候选名单和承诺值已公布，等待会上抽签</div>}
        <div className="lottery-proof">
          <div>
            承诺值（会前公布）：<code>{current.commitment}</code>
          </div>
          {current.state === 'drawn' && shown === 'result' && (
            <div>
              种子：<code>{current.seed}</code>　现场公开数字：<code>{current.publicInput || '（未填）'}</code>
              <span className="lottery-proof-check">{current.verification.ok ? '✔ 校验通过' : `✘ ${current.verification.problems.join('；')}`}</span>
            </div>
          )}
        </div>
      </footer>
    </div>
  );
}
