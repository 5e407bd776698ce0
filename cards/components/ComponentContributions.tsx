import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Tag, Text } from '@hubspot/ui-extensions';
import type { HealthComponent } from '../card-data.schema.ts';

type Props = { components: HealthComponent[]; biggestDrag: string | null };

const points = (value: number): string => value.toFixed(1);

/** What the health score is made of, with the component pulling it down most called out. */
export const ComponentContributions = ({ components, biggestDrag }: Props) => {
  const drag = components.find((component) => component.key === biggestDrag);
  return (
    <>
      {drag !== undefined && (
        <Text testId="biggest-drag">
          <Text inline format={{ fontWeight: 'bold' }}>Biggest drag: {drag.label}.</Text> {drag.detail ?? ''}
        </Text>
      )}
      <Table bordered density="condensed" testId="components-table">
        <TableHead>
          <TableRow>
            <TableHeader>Component</TableHeader>
            <TableHeader align="right">Value</TableHeader>
            <TableHeader align="right">Weight</TableHeader>
            <TableHeader align="right">Points</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {components.map((component) => (
            <TableRow key={component.key} testId={`component-${component.key}`}>
              <TableCell>
                {component.label}
                {component.key === biggestDrag && <Tag variant="error" inline testId="drag-tag">Biggest drag</Tag>}
                {component.hint !== undefined && <Text variant="microcopy" testId={`hint-${component.key}`}>{component.hint}</Text>}
              </TableCell>
              <TableCell align="right">{component.value !== null ? Math.round(component.value) : component.quiet === true ? 'No sign' : 'No data'}</TableCell>
              <TableCell align="right">{Math.round(component.weight * 100)}%</TableCell>
              <TableCell align="right">{points(component.contribution)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};
