import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { actingUser, type AppEnv, createRouter, ErrorBody, errorResponses, IdParam, jsonResponse, QueryId } from '../../http.js';
import { checkUploader, openAttachment, uploadAttachment } from './attachments.js';

const tags = ['工作台账'];
const Binary = z.any().openapi({ type: 'string', format: 'binary' });
const UploadFile = z.custom<File>((v) => v instanceof File, '请选择要上传的文件').openapi({ type: 'string', format: 'binary' });

const Attachment = z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number(), hasThumbnail: z.boolean() }).openapi('Attachment');

const AttachmentParam = IdParam.extend({
  attachmentId: QueryId.openapi({ param: { name: 'attachmentId', in: 'path' } }),
});

// Runs before the body validator, so nobody who may not upload here gets a file body parsed.
const requireUploader = createMiddleware<AppEnv>(async (c, next) => {
  const id = QueryId.safeParse(c.req.param('id'));
  // A malformed id is left to the validator's 400.
  if (id.success) await checkUploader(c.get('deps'), actingUser(c).actor, id.data);
  await next();
});

// RFC 5987/6266: the UTF-8 name, percent-encoded, so Chinese names survive and nothing can break out of the header.
const contentDisposition = (kind: 'attachment' | 'inline', fileName: string) =>
  `${kind}; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;

export const attachmentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/attachments',
      tags,
      summary: '上传进度反馈附件（牵头单位；JPG/PNG 图片，PDF、Word、Excel 文档）',
      description: '按文件内容识别类型，扩展名须与内容一致；默认图片不超过 10MB、文档不超过 20MB。上传后在进度反馈的 attachmentIds 中引用。',
      middleware: [requireUploader] as const,
      request: { params: IdParam, body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: UploadFile }) } } } },
      responses: {
        201: jsonResponse(Attachment, '已上传'),
        ...errorResponses,
        413: { description: '文件过大', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const { file } = c.req.valid('form');
      const bytes = new Uint8Array(await file.arrayBuffer());
      return c.json(await uploadAttachment(c.get('deps'), actingUser(c), c.req.valid('param').id, { name: file.name, bytes }), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}/attachments/{attachmentId}',
      tags,
      summary: '下载附件；图片加 ?thumbnail=1 取缩略图（最长边 320 像素，页面内显示）',
      request: { params: AttachmentParam, query: z.object({ thumbnail: z.enum(['0', '1']).optional() }) },
      responses: { 200: { description: '文件内容', content: { 'application/octet-stream': { schema: Binary } } }, ...errorResponses },
    }),
    async (c) => {
      const { id, attachmentId } = c.req.valid('param');
      const thumbnail = c.req.valid('query').thumbnail === '1';
      const { attachment, body } = await openAttachment(c.get('deps'), actingUser(c).actor, id, attachmentId, thumbnail);
      return c.body(body, 200, {
        'Content-Type': attachment.mime,
        'Content-Disposition': contentDisposition(thumbnail ? 'inline' : 'attachment', attachment.fileName),
        'X-Content-Type-Options': 'nosniff',
        ...(thumbnail ? {} : { 'Content-Length': String(attachment.size) }),
      });
    },
  );
