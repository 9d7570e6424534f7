import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import isoWeek from 'dayjs/plugin/isoWeek';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(isoWeek);
dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

// Every time on screen is Beijing time, whatever the browser's zone.
export const ZONE = 'Asia/Shanghai';

export const formatTime = (iso: string) => dayjs(iso).tz(ZONE).format('YYYY-MM-DD HH:mm:ss');
export const formatDate = (iso: string) => dayjs(iso).tz(ZONE).format('YYYY-MM-DD');

// A picked wall-clock time read as Beijing time, as an ISO instant for the API.
export const beijingToIso = (value: dayjs.Dayjs) => dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), ZONE).toISOString();

// The date line and greeting; pages pass the server's time (useServerNow), the login screen has only the browser's.
export const todayText = (now = dayjs()) => now.tz(ZONE).format('YYYY年M月D日 dddd');

export function greeting(now = dayjs()): string {
  const hour = now.tz(ZONE).hour();
  if (hour < 6) return '凌晨好';
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}
