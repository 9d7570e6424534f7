import { App, Button, Popconfirm } from 'antd';

// The one way a period is published (月点评, 季度考核, 年度考核): confirm, publish, say so, refresh; refused while blocked.
export function PublishButton(props: {
  title: string;
  description: string;
  label: string;
  blocked: boolean;
  done?: string;
  publish: () => Promise<unknown>;
  onDone: () => Promise<void>;
}) {
  const { message } = App.useApp();
  return (
    <Popconfirm
      title={props.title}
      description={props.description}
      okText="发布"
      cancelText="取消"
      disabled={props.blocked}
      onConfirm={async () => {
        try {
          await props.publish();
          void message.success(props.done ?? '已发布');
          await props.onDone();
        } catch (e) {
          void message.error((e as Error).message);
        }
      }}
    >
      <Button type="primary" disabled={props.blocked}>
        {props.label}
      </Button>
    </Popconfirm>
  );
}
