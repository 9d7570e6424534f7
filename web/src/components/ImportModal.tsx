import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Result, Steps, Table, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { isApiError, upload, type ImportRowError, type Json } from '../api';
import { ErrorAlert } from './feedback';

type Outcome<T> = { kind: 'done'; result: T } | { kind: 'invalid'; rows: ImportRowError[] } | { kind: 'error'; error: unknown };

function rowErrors(details: unknown): ImportRowError[] {
  const rows = (details as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? (rows as ImportRowError[]) : [];
}

type ImportPath = '/api/v1/org/import' | '/api/v1/tasks/import';

interface Props<P extends ImportPath, T = Json<P, 'post'>> {
  title: string;
  // What to fill in, e.g. 单位和人员信息.
  subject: string;
  templateUrl: '/api/v1/org/import/template' | '/api/v1/tasks/import/template';
  uploadPath: P;
  // The success page's line, from the server's answer.
  describe: (result: T) => ReactNode;
  onClose: () => void;
  onDone?: (result: T) => void;
}

// 批量导入: download the template, fill it in, upload it. The server imports all rows or none, and lists every bad row.
export function ImportModal<P extends ImportPath>({ title, subject, templateUrl, uploadPath, describe, onClose, onDone }: Props<P>) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [outcome, setOutcome] = useState<Outcome<Json<P, 'post'>> | null>(null);

  async function send() {
    if (!file) return;
    setUploading(true);
    setOutcome(null);
    const form = new FormData();
    form.append('file', file);
    try {
      const result = await upload(uploadPath, {}, form);
      setOutcome({ kind: 'done', result });
      await queryClient.invalidateQueries();
    } catch (err) {
      setOutcome(isApiError(err, 400) && err.code === 'IMPORT_INVALID' ? { kind: 'invalid', rows: rowErrors(err.details) } : { kind: 'error', error: err });
    } finally {
      setUploading(false);
    }
  }

  if (outcome?.kind === 'done') {
    const finish = () => {
      onClose();
      onDone?.(outcome.result);
    };
    return (
      <Modal
        open
        title={title}
        onCancel={finish}
        footer={
          <Button type="primary" onClick={finish}>
            完成
          </Button>
        }
      >
        <Result status="success" title="导入成功" subTitle={describe(outcome.result)} />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={title}
      width={760}
      okText="开始导入"
      okButtonProps={{ disabled: !file }}
      confirmLoading={uploading}
      onOk={send}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Steps
        size="small"
        style={{ margin: '8px 0 20px' }}
        current={file ? 2 : 0}
        items={[{ title: '下载模板' }, { title: '填写并上传' }, { title: '校验导入' }]}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`请使用系统模板填写${subject}`}
        description="文件须为 .xlsx 格式。系统会先校验全部行，任何一行有误都不会导入，请按提示修改后重新上传。"
        action={
          <Button icon={<DownloadOutlined />} href={templateUrl} download>
            下载模板
          </Button>
        }
      />
      <Upload.Dragger
        accept=".xlsx"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setOutcome(null);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          setOutcome(null);
        }}
        fileList={file ? [{ uid: 'import', name: file.name, status: 'done' }] : []}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖拽 Excel 文件到此处</p>
        <p className="ant-upload-hint">仅支持 .xlsx 文件，每次一个</p>
      </Upload.Dragger>

      {outcome?.kind === 'error' && (
        <div style={{ marginTop: 16 }}>
          <ErrorAlert error={outcome.error} />
        </div>
      )}
      {outcome?.kind === 'invalid' && (
        <div style={{ marginTop: 16 }}>
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={`文件校验未通过，共 ${outcome.rows.length} 行有误，未导入任何数据`}
            description="请按下表修改文件后重新上传。"
          />
          <Table<ImportRowError>
            size="small"
            rowKey={(r) => `${r.sheet}:${r.row}`}
            dataSource={outcome.rows}
            pagination={{ pageSize: 8, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 行` }}
            columns={[
              { title: '工作表', dataIndex: 'sheet', width: 120 },
              { title: '行号', dataIndex: 'row', width: 80, render: (row: number) => `第 ${row} 行` },
              {
                title: '问题',
                dataIndex: 'messages',
                render: (messages: string[]) => (
                  <ul className="problem-list" style={{ margin: 0 }}>
                    {messages.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}

// 组织机构 → 批量导入.
export function UnitImportModal({ onClose }: { onClose: () => void }) {
  return (
    <ImportModal
      title="批量导入单位和人员"
      subject="单位和人员信息"
      templateUrl="/api/v1/org/import/template"
      uploadPath="/api/v1/org/import"
      describe={(r) => `共导入单位 ${r.units} 个、人员 ${r.people} 人。`}
      onClose={onClose}
    />
  );
}
