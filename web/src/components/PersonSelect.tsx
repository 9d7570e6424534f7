import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api, type Person, call } from '../api';
import { UNIT_POST_LABELS } from '../labels';

interface Props {
  value?: number | null;
  onChange?: (value: number | null) => void;
  // The person already linked, so the field can show a name before any search.
  current?: { id: number; name: string } | null;
}

const describe = (p: Person) =>
  [p.name, p.unitName, p.title, p.isUnitHead && UNIT_POST_LABELS.head, p.isUnitLiaison && UNIT_POST_LABELS.liaison].filter(Boolean).join(' · ');

// Searchable choice of one person, asking the server as the user types.
export function PersonSelect({ value, onChange, current }: Props) {
  const [input, setInput] = useState('');
  const [keyword, setKeyword] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setKeyword(input.trim()), 300);
    return () => clearTimeout(timer);
  }, [input]);

  const query = useQuery({
    queryKey: ['people', { keyword, pageSize: 20 }],
    queryFn: () => call(api.GET('/api/v1/people', { params: { query: { keyword, pageSize: 20 } } })),
  });
  const options = (query.data?.items ?? []).map((p) => ({ value: p.id, label: describe(p) }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.name });

  return (
    <Select<number | null>
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={query.isFetching}
      placeholder="输入姓名搜索人员"
      notFoundContent={query.isFetching ? '正在搜索…' : '没有找到人员'}
    />
  );
}
