import { Tag } from 'antd';
import type { Person } from '../api';
import { UNIT_POST_LABELS } from '../labels';

// Marks the head (主要负责人) and the liaison (联络员) of the person's own unit.
export function UnitPostTags({ person }: { person: Pick<Person, 'isUnitHead' | 'isUnitLiaison'> }) {
  return (
    <>
      {person.isUnitHead && <Tag color="blue">{UNIT_POST_LABELS.head}</Tag>}
      {person.isUnitLiaison && <Tag color="cyan">{UNIT_POST_LABELS.liaison}</Tag>}
    </>
  );
}
