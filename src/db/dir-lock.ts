import fs from 'node:fs';
import path from 'node:path';

// PGlite keeps the whole database in one process's memory and writes its files from there: two processes on one
// directory overwrite each other's writes. So the directory is held by one process at a time, by a lock file
// naming its pid; a lock left by a process that has died is taken over.
export class DataDirInUse extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dir} 正被另一个进程（PID ${pid}）使用。内嵌数据库（PGlite）同一时间只能由一个进程打开：` +
        '督办扫描在运行中的服务里每分钟自动进行，督查室也可在督办看板点“立即扫描”，审计管理员可在审计日志页校验完整性；' +
        '如需运行命令行，请先停止该服务。',
    );
  }
}

const LOCK_FILE = 'luoshi.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): number | null {
  try {
    const pid = Number(JSON.parse(fs.readFileSync(file, 'utf8')).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function lockDataDir(dir: string): { release(): void } {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt += 1) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeFileSync(fd, JSON.stringify({ pid: process.pid, since: process.uptime() }));
      fs.closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = holderOf(file);
      // The same process opening the directory twice would be the same lost-write race.
      if (pid !== null && (pid === process.pid || alive(pid))) throw new DataDirInUse(dir, pid);
      if (attempt > 0) throw new DataDirInUse(dir, pid ?? 0);
      fs.rmSync(file, { force: true });
    }
  }
  const release = () => {
    if (holderOf(file) === process.pid) fs.rmSync(file, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return { release };
}
