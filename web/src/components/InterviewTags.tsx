import { WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { INTERVIEW_STATUS_COLORS } from '../interviews';
import { INTERVIEW_STATUS_LABELS, type InterviewStatus } from '../labels';

export function InterviewStatusTag({ status }: { status: InterviewStatus }) {
  return (
    <Tag color={INTERVIEW_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {INTERVIEW_STATUS_LABELS[status]}
    </Tag>
  );
}

// 一年之内两次被约谈的单位主要负责同志，要对其岗位进行调整.
export function AdjustTag() {
  return (
    <Tooltip title="一年之内两次被约谈，按规定建议对其岗位进行调整">
      <Tag color="red" variant="solid" icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }}>
        建议调整岗位
      </Tag>
    </Tooltip>
  );
}
