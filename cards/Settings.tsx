import { hubspot, type AddAlertAction, type ExtensionPointApiContext } from '@hubspot/ui-extensions';
import { SettingsPage } from './settings/SettingsPage.tsx';

type Props = { context: ExtensionPointApiContext<'settings'>; actions: { addAlert: AddAlertAction; copyTextToClipboard: (text: string) => Promise<void> } };

/** Waypoint's app settings page (location `settings`): data mapping, customers, fit, milestones, health, keys. */
export const Settings = ({ context, actions }: Props) => (
  <SettingsPage portalId={context.portal.id} addAlert={actions.addAlert} copy={actions.copyTextToClipboard} />
);

hubspot.extend<'settings'>(({ context, actions }) => <Settings context={context} actions={actions} />);
