import { describe, expect, it } from 'vitest';
import { useEmulator } from './emulator-kit.ts';

const env = useEmulator({ limits: { enabled: false } });
const P = '/crm/properties/2026-03/companies';

describe('emulated company properties and groups', () => {
  it('when the company properties are listed, then standard and custom CS properties appear with type and fieldType', async () => {
    const answer = await env.api.get(P);
    const byName = new Map((answer.body.results as { name: string; type: string; fieldType: string; groupName: string }[]).map((p) => [p.name, p]));
    expect(byName.get('industry')).toMatchObject({ type: 'enumeration', fieldType: 'select' });
    expect(byName.get('annual_recurring_revenue')).toMatchObject({ type: 'number', groupName: 'customer_success' });
    expect(byName.get('renewal_date')).toMatchObject({ type: 'date', fieldType: 'date' });
  });

  it.each([
    ['number', 'number', 201], ['string', 'text', 201], ['string', 'textarea', 201], ['date', 'date', 201], ['datetime', 'date', 201],
    ['bool', 'booleancheckbox', 201], ['number', 'text', 400], ['string', 'number', 400], ['date', 'text', 400], ['bool', 'select', 400], ['money', 'number', 400],
  ])('when a property of type %s with fieldType %s is created, then the answer is %i', async (type, fieldType, status) => {
    const name = `wp_${type}_${fieldType}`;
    const options = type === 'bool' ? [{ label: 'Yes', value: 'true' }, { label: 'No', value: 'false' }] : undefined;
    const answer = await env.api.post(P, { name, label: name, type, fieldType, groupName: 'customer_success', options });
    expect(answer.status).toBe(status);
    if (status === 400) expect(answer.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    else expect(answer.body).toMatchObject({ name, type, fieldType, hubspotDefined: false });
  });

  it('when an enumeration property is created without options, then it is refused', async () => {
    const answer = await env.api.post(P, { name: 'wp_enum', label: 'E', type: 'enumeration', fieldType: 'select', groupName: 'customer_success' });
    expect(answer.status).toBe(400);
  });

  it('when a property name is created twice, then the second attempt is a 409 and the first definition stands', async () => {
    const body = { name: 'waypoint_health_score', label: 'Health score', type: 'number', fieldType: 'number', groupName: 'customer_success' };
    expect((await env.api.post(P, body)).status).toBe(201);
    const duplicate = await env.api.post(P, { ...body, label: 'Other' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ status: 'error', category: 'OBJECT_ALREADY_EXISTS' });
    expect((await env.api.get(`${P}/waypoint_health_score`)).body.label).toBe('Health score');
  });

  it('when a property is patched, then its label, description and options change and can then be written', async () => {
    await env.api.post(P, { name: 'waypoint_cohort', label: 'Cohort', type: 'enumeration', fieldType: 'select', groupName: 'customer_success', options: [{ label: 'Positive', value: 'positive' }] });
    const patched = await env.api.patch(`${P}/waypoint_cohort`, { label: 'Waypoint cohort', options: [{ label: 'Positive', value: 'positive' }, { label: 'Dark', value: 'dark' }] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ label: 'Waypoint cohort', options: [expect.objectContaining({ value: 'positive' }), expect.objectContaining({ value: 'dark' })] });
    const id = env.emulator.portals[0]!.companies[0]!.id;
    const write = await env.api.post('/crm/objects/2026-03/companies/batch/update', { inputs: [{ id, properties: { waypoint_cohort: 'dark' } }] });
    expect(write.status).toBe(200);
  });

  it('when an unknown property is patched or fetched, then the answer is 404', async () => {
    expect((await env.api.patch(`${P}/nope_nope`, { label: 'x' })).status).toBe(404);
    expect((await env.api.get(`${P}/nope_nope`)).status).toBe(404);
  });

  it('when a property group is created, then it is listed, a duplicate is a 409, and properties can be placed in it', async () => {
    const created = await env.api.post(`${P}/groups`, { name: 'waypoint', label: 'Waypoint', displayOrder: 5 });
    expect(created.status).toBe(201);
    expect((await env.api.post(`${P}/groups`, { name: 'waypoint', label: 'Again' })).status).toBe(409);
    const groups = (await env.api.get(`${P}/groups`)).body.results as { name: string }[];
    expect(groups.map((g) => g.name)).toContain('waypoint');
    expect((await env.api.post(P, { name: 'waypoint_vector', label: 'Vector', type: 'string', fieldType: 'text', groupName: 'waypoint' })).status).toBe(201);
    expect((await env.api.post(P, { name: 'waypoint_x', label: 'X', type: 'string', fieldType: 'text', groupName: 'no_such_group' })).status).toBe(400);
  });
});
