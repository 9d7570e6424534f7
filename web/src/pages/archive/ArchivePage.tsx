import { FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { apiUrl } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { hasRole, useCurrentUser, useServerNow } from '../../session';

// 考核档案: one unit's year in one printable Word document, the basis of the year-end assessment.
export default function ArchivePage() {
  const me = useCurrentUser();
  const now = useServerNow();
  const unitUser = hasRole(me, 'unit_head', 'unit_liaison');
  const [picked, setPicked] = useState<number | null>(null);
  const [year, setYear] = useState(now.year());
  const unitId = unitUser ? (me.unit?.id ?? null) : picked;
  return (
    <>
      <PageHeader title="考核档案" section="考核评价" subTitle="一个单位一年的全部考核记录，合成一份可打印的 Word 文档，作为年度考核的依据" />
      <Card>
        <Typography.Paragraph>
          档案逐项列出本单位牵头承办的交办事项及其督办单、进展报告、销号记录，再列明察暗访的发现和整改事项、月度评分、申诉、绩效自评和学习台账。
        </Typography.Paragraph>
        <Space wrap>
          {unitUser ? (
            <Typography.Text strong>{me.unit?.name}</Typography.Text>
          ) : (
            <UnitTreeSelect value={picked} onChange={setPicked} placeholder="选择单位" style={{ width: 260 }} />
          )}
          <Select
            aria-label="年度"
            value={year}
            onChange={setYear}
            options={[now.year(), now.year() - 1, now.year() - 2].map((y) => ({ value: y, label: `${y}年` }))}
          />
          <Button
            type="primary"
            icon={<FileWordOutlined />}
            disabled={unitId === null}
            href={unitId === null ? undefined : apiUrl('/api/v1/archive/units/{id}/archive.docx', { id: unitId }, { year })}
            download
          >
            下载考核档案
          </Button>
        </Space>
      </Card>
    </>
  );
}
