// 抽签述职: the shapes the lottery pages share, and their query keys.
import { api, call, type Schemas } from './api';

export type Draw = Schemas['LotteryDraw'];
export type LotterySettings = Schemas['LotterySettings'];
export type DrawGroup = Draw['candidates'][number]['group'];

export const DRAWS_KEY = ['lottery', 'draws'];
export const LOTTERY_SETTINGS_KEY = ['lottery', 'settings'];
export const drawKey = (id: number) => ['lottery', 'draws', id];

export const fetchDraws = () => call(api.GET('/api/v1/lottery/draws')).then((r) => r.items);
export const fetchDraw = (id: number) => call(api.GET('/api/v1/lottery/draws/{id}', { params: { path: { id } } }));

// "2026-03" → "2026年3月"
export const monthText = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;

// The algorithm as the office explains it to the meeting (src/modules/lottery/rules.ts has the exact definition).
export const ALGORITHM_TEXT = [
  '会前，督查室冻结候选名单（在册的乡镇（街道）和县直单位，去掉前几个月已抽中的单位），由系统生成 32 字节随机种子并保密，只公布承诺值：SHA-256（版本、月份、种子、各组抽取数和候选单位编号）。',
  '会上，可当场填入一个公开数字（如当场宣读的号码末几位），与种子一起计算：HMAC-SHA256 计数器模式生成随机数流，拒绝采样得到无偏随机数，对按单位编号排序的候选名单做 Fisher–Yates 洗牌，取前几个为抽中单位。',
  '抽签后公布种子。任何人可用种子重新计算承诺值（证明名单和种子在抽签前已固定）和抽签结果（证明结果没有改动）；系统的“校验”和命令 npm run lottery:verify 做的就是这件事。',
];
