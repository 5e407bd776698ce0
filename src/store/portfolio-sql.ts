// A plain decimal only: HubSpot number properties arrive as text, and one typo in the portal must not fail a table.
export const numericPattern = '^-?[0-9]+(\\.[0-9]+)?$';
