import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Divider,
  Empty,
  Form,
  Input,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { api, type Account, call } from '../api';
import { useShowError } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { PersonSelect } from '../components/PersonSelect';
import { ADMIN_ROLES, BUSINESS_ROLES, PASSWORD_POLICY_TEXT, ROLE_COLORS, ROLE_LABELS, type Role } from '../labels';
import { hasRole, useCurrentUser } from '../session';
import { formatTime } from '../time';
import { USERNAME_RULE } from '../validation';

const ACCOUNTS_KEY = ['accounts'];

type Dialog = { kind: 'create' } | { kind: 'edit' | 'roles' | 'password'; account: Account };

function StatusTags({ account }: { account: Account }) {
  const tags = [
    !account.active && <Tag key="disabled">已停用</Tag>,
    account.locked && (
      <Tag key="locked" color="error">
        锁定中
      </Tag>
    ),
    account.mustChangePassword && (
      <Tag key="change" color="warning">
        需改密
      </Tag>
    ),
  ].filter(Boolean);
  return (
    <Space size={4} wrap>
      {tags.length > 0 ? tags : <Tag color="success">正常</Tag>}
      {account.totpEnabled && <Tag color="processing">动态口令</Tag>}
    </Space>
  );
}

export default function AccountsPage() {
  const me = useCurrentUser();
  const isSysadmin = hasRole(me, 'sysadmin');
  const isSecadmin = hasRole(me, 'secadmin');
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [keyword, setKeyword] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const params = { keyword, page, pageSize };
  const query = useQuery({
    queryKey: [...ACCOUNTS_KEY, params],
    queryFn: () => call(api.GET('/api/v1/accounts', { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });

  // disable, enable and unlock take no body.
  async function act(account: Account, action: 'disable' | 'enable' | 'unlock', done: string) {
    try {
      await call(api.POST('/api/v1/accounts/{id}/{change}', { params: { path: { id: account.id, change: action } } }));
      void message.success(`${done}：${account.username}`);
      await refresh();
    } catch (err) {
      showError(err);
    }
  }

  async function resetTotp(account: Account) {
    try {
      await call(api.POST('/api/v1/accounts/{id}/reset-totp', { params: { path: { id: account.id } } }));
      void message.success(`已重置动态口令：${account.username}`);
      await refresh();
    } catch (err) {
      showError(err);
    }
  }

  const columns: TableColumnsType<Account> = [
    { title: '账号', dataIndex: 'username', width: 130, render: (u: string) => <Typography.Text strong>{u}</Typography.Text> },
    { title: '姓名', dataIndex: 'displayName', width: 110 },
    { title: '关联人员', dataIndex: 'personName', width: 110, render: (n: string | null) => n ?? '—' },
    { title: '所属单位', dataIndex: 'unitName', ellipsis: true, render: (n: string | null) => n ?? '—' },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: Role[]) =>
        roles.length === 0 ? (
          <Typography.Text type="secondary">未分配</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {roles.map((r) => (
              <Tag key={r} color={ROLE_COLORS[r]} style={{ marginInlineEnd: 0 }}>
                {ROLE_LABELS[r]}
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: '状态', key: 'status', width: 150, render: (_, a) => <StatusTags account={a} /> },
    { title: '创建时间', dataIndex: 'createdAt', width: 170, render: formatTime },
    {
      title: '操作',
      key: 'actions',
      width: isSysadmin ? 250 : 220,
      render: (_, account) => (
        <Space size={0} wrap>
          {isSysadmin && (
            <>
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', account })}>
                编辑
              </Button>
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', account })}>
                重置密码
              </Button>
              {account.active ? (
                <Popconfirm
                  title={`确定停用账号“${account.username}”吗？`}
                  description="停用后该账号立即退出且不能登录。"
                  okText="停用"
                  cancelText="取消"
                  onConfirm={() => act(account, 'disable', '已停用')}
                >
                  <Button type="link" size="small" danger>
                    停用
                  </Button>
                </Popconfirm>
              ) : (
                <Popconfirm title={`确定启用账号“${account.username}”吗？`} okText="启用" cancelText="取消" onConfirm={() => act(account, 'enable', '已启用')}>
                  <Button type="link" size="small">
                    启用
                  </Button>
                </Popconfirm>
              )}
            </>
          )}
          {isSecadmin && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'roles', account })}>
              分配角色
            </Button>
          )}
          {isSecadmin && account.totpEnabled && (
            <Popconfirm
              title={`确定重置“${account.username}”的动态口令吗？`}
              description="用于手机丢失等情形：原绑定和恢复码作废，该账号立即退出，须重新绑定。"
              okText="重置"
              cancelText="取消"
              onConfirm={() => resetTotp(account)}
            >
              <Button type="link" size="small" danger>
                重置动态口令
              </Button>
            </Popconfirm>
          )}
          {account.locked && (
            <Popconfirm title={`确定解锁账号“${account.username}”吗？`} okText="解锁" cancelText="取消" onConfirm={() => act(account, 'unlock', '已解锁')}>
              <Button type="link" size="small">
                解锁
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const close = () => setDialog(null);
  return (
    <>
      <PageHeader
        title="账号管理"
        section="系统管理"
        subTitle={isSysadmin ? '开通、停用账号和重置密码；角色由安全管理员分配' : '为账号分配角色、解锁被锁定的账号'}
        extra={
          isSysadmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              新建账号
            </Button>
          )
        }
      />
      <Card variant="borderless">
        <Input.Search
          placeholder="账号或姓名"
          allowClear
          style={{ width: 280, marginBottom: 16 }}
          onSearch={(v) => {
            setKeyword(v.trim());
            setPage(1);
          }}
        />
        <Table<Account>
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items}
          columns={columns}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无账号" /> }}
          pagination={{
            current: page,
            pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 个账号`,
            onChange: (p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            },
          }}
        />
      </Card>
      {dialog?.kind === 'create' && <CreateAccountModal onClose={close} onSaved={refresh} />}
      {dialog?.kind === 'edit' && <EditAccountModal account={dialog.account} onClose={close} onSaved={refresh} />}
      {dialog?.kind === 'password' && <ResetPasswordModal account={dialog.account} onClose={close} onSaved={refresh} />}
      {dialog?.kind === 'roles' && <RolesModal account={dialog.account} onClose={close} onSaved={refresh} />}
    </>
  );
}

interface ModalProps {
  onClose: () => void;
  onSaved: () => Promise<void>;
}

interface NewAccount {
  username: string;
  displayName: string;
  personId: number | null;
  initialPassword: string;
}

function CreateAccountModal({ onClose, onSaved }: ModalProps) {
  return (
    <FormModal<NewAccount>
      title="新建账号"
      okText="创建"
      onClose={onClose}
      onSubmit={async (values) => {
        await call(api.POST('/api/v1/accounts', { body: { ...values, personId: values.personId ?? null } }));
        await onSaved();
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="新账号没有任何角色，须由安全管理员分配角色后才能使用；用户首次登录须修改初始密码。" />
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="username" label="账号" rules={[{ required: true, message: '请输入账号' }, USERNAME_RULE]}>
            <Input maxLength={32} placeholder="登录用的账号，如 zhangsan" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="personId" label="关联人员" extra="关联后，账号按该人员所在单位确定可查看的数据范围">
        <PersonSelect />
      </Form.Item>
      <Form.Item name="initialPassword" label="初始密码" extra={PASSWORD_POLICY_TEXT} rules={[{ required: true, message: '请输入初始密码' }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}

function EditAccountModal({ account, onClose, onSaved }: ModalProps & { account: Account }) {
  return (
    <FormModal<{ displayName: string; personId: number | null }>
      title={`编辑账号：${account.username}`}
      initialValues={account}
      onClose={onClose}
      onSubmit={async (values) => {
        await call(
          api.PATCH('/api/v1/accounts/{id}', {
            params: { path: { id: account.id } },
            body: { ...values, personId: values.personId ?? null, version: account.version },
          }),
        );
        await onSaved();
      }}
    >
      <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="personId" label="关联人员">
        <PersonSelect current={account.personId === null ? null : { id: account.personId, name: account.personName ?? `人员 ${account.personId}` }} />
      </Form.Item>
    </FormModal>
  );
}

function ResetPasswordModal({ account, onClose, onSaved }: ModalProps & { account: Account }) {
  const { message } = App.useApp();
  return (
    <FormModal<{ newPassword: string; confirmPassword: string }>
      title={`重置密码：${account.username}`}
      okText="重置"
      onClose={onClose}
      onSubmit={async ({ newPassword }) => {
        await call(api.POST('/api/v1/accounts/{id}/reset-password', { params: { path: { id: account.id } }, body: { newPassword } }));
        void message.success('密码已重置，该用户下次登录须修改密码');
        await onSaved();
      }}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="重置后该账号的现有会话失效，用户下次登录须修改密码。" />
      <Form.Item name="newPassword" label="新密码" extra={PASSWORD_POLICY_TEXT} rules={[{ required: true, message: '请输入新密码' }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}

function RolesModal({ account, onClose, onSaved }: ModalProps & { account: Account }) {
  const group = (title: string, roles: Role[]) => (
    <>
      <Divider titlePlacement="start" plain style={{ margin: '8px 0' }}>
        {title}
      </Divider>
      <Row gutter={[8, 8]}>
        {roles.map((role) => (
          <Col span={8} key={role}>
            <Checkbox value={role}>{ROLE_LABELS[role]}</Checkbox>
          </Col>
        ))}
      </Row>
    </>
  );
  return (
    <FormModal<{ roles: Role[] }>
      title={`分配角色：${account.displayName}（${account.username}）`}
      initialValues={{ roles: account.roles }}
      onClose={onClose}
      onSubmit={async ({ roles }) => {
        await call(api.PUT('/api/v1/accounts/{id}/roles', { params: { path: { id: account.id } }, body: { roles } }));
        await onSaved();
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 8 }}
        title="三员分立：系统管理员、安全管理员和审计管理员相互独立，审计管理员不得兼任其他管理员角色。"
      />
      <Form.Item name="roles" style={{ marginBottom: 0 }}>
        <Checkbox.Group style={{ display: 'block' }}>
          {group('业务角色', BUSINESS_ROLES)}
          {group('管理员角色', ADMIN_ROLES)}
        </Checkbox.Group>
      </Form.Item>
    </FormModal>
  );
}
