import { hubspot, type AddAlertAction, type CrmContext } from '@hubspot/ui-extensions';
import { CardBody } from './components/CardBody.tsx';
import { userName } from './components/labels.ts';

type Props = { context: CrmContext; actions: { addAlert: AddAlertAction } };

/** The company record's tab: the sidebar's content plus fit, with room for the detail. */
export const HealthTab = ({ context, actions }: Props) => (
  <CardBody record={{ portalId: context.portal.id, objectId: context.crm.objectId }} addAlert={actions.addAlert} layout="tab" user={userName(context.user)} />
);

hubspot.extend<'crm.record.tab'>(({ context, actions }) => <HealthTab context={context} actions={actions} />);
