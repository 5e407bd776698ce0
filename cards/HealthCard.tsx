import { hubspot, type AddAlertAction, type CrmContext } from '@hubspot/ui-extensions';
import { CardBody } from './components/CardBody.tsx';
import { userName } from './components/labels.ts';

type Props = { context: CrmContext; actions: { addAlert: AddAlertAction } };

/** The company record's sidebar card. */
export const HealthCard = ({ context, actions }: Props) => (
  <CardBody record={{ portalId: context.portal.id, objectId: context.crm.objectId }} addAlert={actions.addAlert} layout="sidebar" user={userName(context.user)} />
);

hubspot.extend<'crm.record.sidebar'>(({ context, actions }) => <HealthCard context={context} actions={actions} />);
