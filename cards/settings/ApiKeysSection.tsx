import { Alert, Button, Flex, Heading, Input, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useCallback, useEffect, useState } from 'react';
import { settingsApi } from '../settings-api.ts';
import type { ApiKey } from '../settings-data.schema.ts';

type Props = { portalId: number; copy: (text: string) => Promise<void> | void };

/** Mint (the key is shown once, with a copy button), list by prefix with last use, revoke. */
export const ApiKeysSection = ({ portalId, copy }: Props) => {
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [name, setName] = useState('');
  const [minted, setMinted] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const reload = useCallback(() => {
    void settingsApi.apiKeys(portalId).then((result) => (result.ok ? setKeys(result.value.keys) : setProblem(result.message)));
  }, [portalId]);
  useEffect(reload, [reload]);

  const mint = async () => {
    const result = await settingsApi.mintKey(portalId, name);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    setMinted(result.value.key);
    setName('');
    reload();
  };
  const revoke = async (prefix: string) => {
    const result = await settingsApi.revokeKey(portalId, prefix);
    if (!result.ok) setProblem(result.message);
    reload();
  };
  return (
    <Flex direction="column" gap="sm">
      <Heading>API keys</Heading>
      <Text>For product usage (POST /api/v1/usage) and scripts. A key is shown once, when it is made.</Text>
      {problem ? <Alert title="API keys" variant="danger">{problem}</Alert> : null}
      {minted ? (
        <Alert title="Copy your new key now" variant="success" testId="minted-key">
          <Flex direction="column" gap="xs">
            <Text testId="minted-key-value">{minted}</Text>
            <Flex direction="row" gap="xs">
              <Button testId="copy-key" onClick={() => void copy(minted)}>Copy</Button>
              <Button variant="secondary" testId="hide-key" onClick={() => setMinted(null)}>I have copied it</Button>
            </Flex>
          </Flex>
        </Alert>
      ) : null}
      <Flex direction="row" gap="xs" align="end">
        <Input name="key-name" testId="key-name" label="Name of the new key" value={name} onChange={setName} />
        <Button testId="mint-key" disabled={name.trim() === ''} onClick={() => void mint()}>Create key</Button>
      </Flex>
      <Table bordered>
        <TableHead>
          <TableRow><TableHeader>Key</TableHeader><TableHeader>Name</TableHeader><TableHeader>Last used</TableHeader><TableHeader>Status</TableHeader><TableHeader> </TableHeader></TableRow>
        </TableHead>
        <TableBody>
          {keys.map((key) => (
            <TableRow key={key.id} testId={`key-${key.prefix}`}>
              <TableCell>{`${key.prefix}…`}</TableCell>
              <TableCell>{key.name}</TableCell>
              <TableCell>{key.lastUsedAt ? key.lastUsedAt.slice(0, 16).replace('T', ' ') : 'never'}</TableCell>
              <TableCell>{key.revokedAt ? 'revoked' : 'active'}</TableCell>
              <TableCell>{key.revokedAt ? null : <Button size="xs" variant="destructive" testId={`revoke-${key.prefix}`} onClick={() => void revoke(key.prefix)}>Revoke</Button>}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
};
