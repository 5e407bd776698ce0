import { requirePortal, type Handler } from './context.ts';
import { notFound } from './http-errors.ts';

// GET /crm/owners/2026-03/{ownerId}: the generated portal's owners, shaped like HubSpot's public owner object.
export const getOwner: Handler = (ctx) => {
  const { store } = requirePortal(ctx);
  const owner = store.portal.owners.find((o) => o.id === ctx.params.ownerId);
  if (!owner) throw notFound(`Owner not found: ${ctx.params.ownerId ?? ''}`);
  return {
    status: 200,
    body: {
      id: owner.id, email: owner.email, type: 'PERSON', firstName: owner.firstName, lastName: owner.lastName,
      userId: owner.userId, userIdIncludingInactive: owner.userId, createdAt: store.portal.now, updatedAt: store.portal.now, archived: false, teams: [],
    },
  };
};
