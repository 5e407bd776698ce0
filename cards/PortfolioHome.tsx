import { hubspot, type ExtensionPointApiActions, type ExtensionPointApiContext } from '@hubspot/ui-extensions';
import { PortfolioPage } from './portfolio/PortfolioPage.tsx';

type Props = { context: ExtensionPointApiContext<'home'>; actions: Pick<ExtensionPointApiActions<'home'>, 'addAlert' | 'copyTextToClipboard'> };

/** Waypoint's app home page (location `home`): the CS leader's portfolio, read from the portfolio endpoints. */
export const PortfolioHome = ({ context, actions }: Props) => (
  <PortfolioPage tools={{ portalId: context.portal.id, addAlert: actions.addAlert, copy: actions.copyTextToClipboard }} />
);

hubspot.extend<'home'>(({ context, actions }) => <PortfolioHome context={context} actions={actions} />);
