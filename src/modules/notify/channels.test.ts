import { describe, expect, it } from 'vitest';
import { channelProblem, truncateBytes, webhookBody, webhookFailure, withoutSecrets } from './channels.js';
import { MAX_ATTEMPTS, retryDelayMs } from './delivery.js';

const SMTP = { host: 'smtp.example.com', port: 465, secure: true, user: 'u', pass: 'p', from: '落实系统 <luoshi@example.com>' };

describe('webhook bodies: each robot gets the JSON it documents', () => {
  it.each([
    ['wecom', { msgtype: 'markdown', markdown: { content: '### 标题\n正文' } }],
    ['dingtalk', { msgtype: 'markdown', markdown: { title: '标题', text: '### 标题\n正文' } }],
    ['feishu', { msg_type: 'text', content: { text: '标题\n正文' } }],
  ] as const)('%s', (kind, expected) => {
    expect(webhookBody(kind, '标题', '正文')).toEqual(expected);
  });

  it('WeCom content is cut to its 4096-byte limit without breaking a character', () => {
    const body = webhookBody('wecom', '标题', '督'.repeat(3000)) as { markdown: { content: string } };
    expect(Buffer.byteLength(body.markdown.content)).toBeLessThanOrEqual(4096);
    expect(body.markdown.content).toMatch(/督…$/);
  });
});

describe('robot answers: HTTP 200 is not enough', () => {
  it.each([
    ['wecom', 200, '{"errcode":0,"errmsg":"ok"}', null],
    ['wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}', '错误码 93000：invalid webhook url'],
    ['dingtalk', 200, '{"errcode":310000,"errmsg":"keywords not in content"}', '错误码 310000：keywords not in content'],
    ['dingtalk', 200, '{"errcode":0,"errmsg":"ok"}', null],
    ['feishu', 200, '{"code":0,"msg":"success"}', null],
    ['feishu', 200, '{"code":19001,"msg":"param invalid"}', '错误码 19001：param invalid'],
    ['feishu', 500, 'oops', 'HTTP 500：oops'],
    ['wecom', 200, '<html>', '应答不是 JSON：<html>'],
  ] as const)('%s HTTP %i %s → %s', (kind, status, text, expected) => {
    expect(webhookFailure(kind, status, text)).toBe(expected);
  });
});

describe('channel targets', () => {
  it.each([
    ['wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', null],
    ['dingtalk', 'http://10.0.0.5:8080/robot/send', null],
    ['feishu', 'ftp://example.com/hook', 'Webhook 地址必须以 http:// 或 https:// 开头'],
    ['wecom', 'javascript:alert(1)', 'Webhook 地址必须以 http:// 或 https:// 开头'],
    ['wecom', 'qyapi.weixin.qq.com/cgi-bin/webhook/send', 'Webhook 地址必须以 http:// 或 https:// 开头'],
  ] as const)('%s %s → %s', (kind, target, expected) => {
    expect(channelProblem(kind, target, {})).toBe(expected);
  });

  it.each([
    ['a@example.com, b@example.com', SMTP, null],
    ['a@example.com；b@example.com', SMTP, null],
    ['', SMTP, '请填写至少一个收件人邮箱'],
    ['a@example.com, 张三', SMTP, '收件人邮箱格式不正确：张三'],
    ['a@example.com', { ...SMTP, host: '' }, '请填写 SMTP 服务器地址'],
    ['a@example.com', { ...SMTP, port: undefined }, '请填写 SMTP 端口'],
    ['a@example.com', { ...SMTP, from: '落实系统' }, '发件人邮箱格式不正确'],
  ])('email to %j → %s', (target, settings, expected) => {
    expect(channelProblem('email', target, settings)).toBe(expected);
  });

  it('the SMTP password is replaced by hasPass; robots have nothing to hide', () => {
    const { pass: _pass, ...visible } = SMTP;
    expect(withoutSecrets({ kind: 'email' as const, settings: SMTP }).settings).toStrictEqual({ ...visible, hasPass: true });
    expect(withoutSecrets({ kind: 'email' as const, settings: { ...SMTP, pass: '' } }).settings).toStrictEqual({ ...visible, hasPass: false });
    expect(withoutSecrets({ kind: 'wecom' as const, settings: {} }).settings).toEqual({});
  });

  it('truncateBytes leaves short text alone', () => {
    expect(truncateBytes('短', 10)).toBe('短');
  });
});

describe('retry back-off', () => {
  it('doubles from one minute and stops at an hour, for the attempts before giving up', () => {
    const minutes = Array.from({ length: MAX_ATTEMPTS - 1 }, (_v, i) => retryDelayMs(i + 1) / 60_000);
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60]);
  });
});
