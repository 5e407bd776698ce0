import { ScoreCircle } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { expect, vi } from 'vitest';
import { HealthCard } from '../HealthCard.tsx';

/** The sidebar card for company 9001 of portal 4242, opened by Casey Morgan, once its score has loaded. */
export const renderCaseysCard = async () => {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.mocks.context.portal.id = 4242;
  renderer.mocks.context.crm.objectId = 9001;
  renderer.mocks.context.user.firstName = 'Casey';
  renderer.mocks.context.user.lastName = 'Morgan';
  const addAlert = vi.fn();
  renderer.render(<HealthCard context={renderer.mocks.context} actions={{ addAlert }} />);
  await renderer.waitFor(() => expect(renderer.find(ScoreCircle)).toBeTruthy());
  return { ...renderer, addAlert };
};
