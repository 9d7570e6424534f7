import type { ChannelKind } from './schema.js';

// Pure per-channel formatting and checks: what each robot expects, how it says "failed", what a valid target is.

export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'feishu', 'email'] as const satisfies readonly ChannelKind[];
export type WebhookKind = Exclude<ChannelKind, 'email'>;

export interface EmailSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  from: string;
}

// WeCom rejects markdown content over 4096 bytes (errcode 40058); cut it rather than fail for good.
const WECOM_MAX_BYTES = 4096;

export function webhookBody(kind: WebhookKind, title: string, body: string): unknown {
  switch (kind) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: truncateBytes(`### ${title}\n${body}`, WECOM_MAX_BYTES) } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title, text: `### ${title}\n${body}` } };
    case 'feishu':
      return { msg_type: 'text', content: { text: `${title}\n${body}` } };
    default: {
      const never: never = kind;
      throw new Error(`unknown webhook kind ${String(never)}`);
    }
  }
}

/** The robots answer HTTP 200 with a non-zero errcode (WeCom, DingTalk) or code (Feishu) when they refuse a message. */
export function webhookFailure(kind: WebhookKind, status: number, responseText: string): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}：${responseText.slice(0, 200)}`;
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(responseText) as Record<string, unknown>;
  } catch {
    return `应答不是 JSON：${responseText.slice(0, 200)}`;
  }
  const [code, message] = kind === 'feishu' ? [answer.code, answer.msg] : [answer.errcode, answer.errmsg];
  if (code === 0) return null;
  return `错误码 ${String(code)}：${String(message ?? '')}`;
}

export function truncateBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // Decoding a cut multi-byte character yields U+FFFD; drop it.
  return `${bytes
    .subarray(0, maxBytes - 3)
    .toString('utf8')
    .replace(/\uFFFD+$/, '')}…`;
}

const EMAIL_PATTERN = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

export const parseRecipients = (target: string) =>
  target
    .split(/[,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** What is wrong with a channel's target and settings, in words for the admin; null when it can be used. */
export function channelProblem(kind: ChannelKind, target: string, settings: Partial<EmailSettings>): string | null {
  if (kind !== 'email') {
    if (!/^https?:\/\//i.test(target) || !URL.canParse(target)) return 'Webhook 地址必须以 http:// 或 https:// 开头';
    return null;
  }
  const recipients = parseRecipients(target);
  if (!recipients.length) return '请填写至少一个收件人邮箱';
  const bad = recipients.filter((r) => !EMAIL_PATTERN.test(r));
  if (bad.length) return `收件人邮箱格式不正确：${bad.join('，')}`;
  if (!settings.host) return '请填写 SMTP 服务器地址';
  if (!settings.port) return '请填写 SMTP 端口';
  if (!settings.from || !EMAIL_PATTERN.test(settings.from.replace(/^.*<(.+)>$/, '$1'))) return '发件人邮箱格式不正确';
  return null;
}

/** A channel as the API and the audit log show it: the SMTP password never leaves the server, only whether one is set. */
export function withoutSecrets<T extends { kind: ChannelKind; settings: Record<string, unknown> }>(channel: T): T {
  if (channel.kind !== 'email') return channel;
  const { pass, ...rest } = channel.settings;
  return { ...channel, settings: { ...rest, hasPass: Boolean(pass) } };
}
