/** Who saved a config version, read back from the audit string actorOf wrote (src/server/middleware/admin-auth.ts). */
export type ConfigAuthor =
  | { kind: 'hubspot_user'; userId: number; email: string | null }
  | { kind: 'api_key'; keyPrefix: string }
  | { kind: 'operator' }
  | { kind: 'hubspot' }
  | { kind: 'unknown' };

export const OPERATOR_CLI = 'operator_cli';

export const parseConfigAuthor = (createdBy: string | null): ConfigAuthor => {
  if (createdBy === null) return { kind: 'unknown' };
  const user = /^hubspot_user:(\d+)(?::(.+))?$/.exec(createdBy);
  if (user) return { kind: 'hubspot_user', userId: Number(user[1]), email: user[2] ?? null };
  if (createdBy.startsWith('api_key:')) return { kind: 'api_key', keyPrefix: createdBy.slice('api_key:'.length) };
  if (createdBy === OPERATOR_CLI) return { kind: 'operator' };
  if (createdBy === 'hubspot') return { kind: 'hubspot' };
  return { kind: 'unknown' };
};
