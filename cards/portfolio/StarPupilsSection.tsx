import { Flex, Heading, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { PortfolioStarPupils, SegmentProfile } from '../backtest-data.schema.ts';
import { useSection } from '../hooks/use-section.ts';
import { portfolioApi } from '../portfolio-api.ts';
import type { PageTools } from './ExportButton.tsx';
import { SectionBody } from './SectionStates.tsx';

type Profile = NonNullable<PortfolioStarPupils['profile']>;

const daysText = (value: number | null): string => (value === null ? '–' : `day ${Math.round(value)}`);
const numberText = (value: number | null, digits = 1): string => (value === null ? '–' : value.toFixed(digits));
const depthText = (value: number | null): string => (value === null ? '–' : `${Math.round(value * 100)}% of seats`);
const featuresText = (features: SegmentProfile['features']): string =>
  features.length === 0 ? '–' : features.slice(0, 3).map((f) => `${f.feature.replace(/_/g, ' ')} (${Math.round(f.share * 100)}%)`).join(', ');
const groupsOf = (profile: Profile): SegmentProfile[] => [...profile.segments, ...(profile.overall ? [profile.overall] : [])];
const groupName = (segment: string) => (segment === 'all' ? 'All segments' : segment);

const basisText: Record<Profile['basis'], string> = {
  renewed_or_expanded: 'Star pupils: good-fit customers who renewed or expanded.',
  retained_healthy: 'No renewal or expansion is on record yet, so star pupils are good-fit customers retained a year or more and green today.',
};

/**
 * The customers who stay and grow, per segment: how fast they reached each milestone and how they use the product.
 * The company card compares each customer with its segment's line; the settings page can take the milestone days.
 */
export const StarPupilsSection = ({ tools }: { tools: PageTools }) => {
  const { state, reload } = useSection(() => portfolioApi.starPupils(tools.portalId), String(tools.portalId));
  return (
    <Flex direction="column" gap="sm">
      <Heading>Star pupils</Heading>
      <SectionBody id="star-pupils" what="star-pupil profile" state={state} onRetry={reload}
        empty={(data) => (data.profile === null
          ? 'The profile is drawn at the next whole-portal scoring run.'
          : data.profile.overall === null ? 'No good-fit customer has renewed or expanded (or stayed a year and is green) yet.' : null)}>
        {({ profile }) => {
          if (profile === null) return null;
          const groups = groupsOf(profile);
          const milestones = Object.keys(profile.overall?.medianDaysTo ?? {});
          return (
            <Flex direction="column" gap="sm">
              <Text>{basisText[profile.basis]}</Text>
              <Table bordered testId="star-pupils-table">
                <TableHead><TableRow><TableHeader>Segment</TableHeader><TableHeader>Pupils</TableHeader><TableHeader>First value</TableHeader><TableHeader>Usage depth</TableHeader><TableHeader>Breadth</TableHeader><TableHeader>Touches per 30 days</TableHeader><TableHeader>Features they use</TableHeader></TableRow></TableHead>
                <TableBody>
                  {groups.map((g) => (
                    <TableRow key={g.segment} testId={`star-pupils-${g.segment}`}>
                      <TableCell>{groupName(g.segment)}</TableCell><TableCell>{g.pupils}</TableCell><TableCell>{daysText(g.timeToFirstValueDays)}</TableCell>
                      <TableCell>{depthText(g.usageDepth)}</TableCell><TableCell>{numberText(g.usageBreadth, 0)}</TableCell><TableCell>{numberText(g.touchesPer30Days)}</TableCell>
                      <TableCell>{featuresText(g.features)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {milestones.length === 0 ? null : (
                <Table bordered testId="star-pupils-milestones">
                  <TableHead><TableRow><TableHeader>Milestone (median day reached)</TableHeader>{groups.map((g) => <TableHeader key={g.segment}>{groupName(g.segment)}</TableHeader>)}</TableRow></TableHead>
                  <TableBody>
                    {milestones.map((key) => (
                      <TableRow key={key} testId={`star-pupils-milestone-${key}`}>
                        <TableCell>{key.replace(/_/g, ' ')}</TableCell>
                        {groups.map((g) => <TableCell key={g.segment}>{daysText(g.medianDaysTo[key] ?? null)}</TableCell>)}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
              <Text variant="microcopy">Days count from the customer's contract start (else its creation); "–" where no pupil reached it. Depth: active users over seats; breadth: key features used. The settings page's milestones section can take these days as expected days, through the dry run.</Text>
            </Flex>
          );
        }}
      </SectionBody>
    </Flex>
  );
};
