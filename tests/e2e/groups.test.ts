/**
 * The five group actions through the real @aws-sdk/client-xray on the embedded DuckDB store: the
 * wrapped `Group` shape, the `Default` group, name rules, filter validation, and durability across
 * a reopened store.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  GetGroupsCommand,
  InvalidRequestException,
  ResourceNotFoundException,
  UpdateGroupCommand,
} from '@aws-sdk/client-xray';
import { MetricsRegistry } from '@roentgen/metrics';
import { PageTokens, startHttpServer, type RunningHttpServer } from '@roentgen/api';
import { queryRoutes } from '@roentgen/api';
import { DuckDbTraceStore } from '@roentgen/storage-duckdb';
import { temporaryDirectory } from '../support/test-server.ts';
import { xrayClient } from '../support/xray-client.ts';

const dir = temporaryDirectory();
let store: DuckDbTraceStore;
let http: RunningHttpServer;

async function serve(): Promise<void> {
  store = new DuckDbTraceStore({ path: join(dir.path, 'groups.duckdb') });
  await store.open();
  const metrics = new MetricsRegistry();
  const routes = queryRoutes({ store, tokens: new PageTokens() });
  http = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    routes,
    metrics,
    maxBodyBytes: 1 << 20,
    log: () => undefined,
  });
}

async function stop(): Promise<void> {
  await http.close();
  await store.close();
}

before(serve);
after(async () => {
  await stop();
  dir.remove();
});

const client = () => xrayClient(`http://127.0.0.1:${http.address.port}`);

test('create, get, list, update and delete a group; Default always exists', async () => {
  const created = await client().send(
    new CreateGroupCommand({ GroupName: 'slow-checkout', FilterExpression: 'responsetime > 2' }),
  );
  assert.equal(created.Group?.GroupName, 'slow-checkout');
  assert.match(created.Group?.GroupARN ?? '', /^arn:aws:xray:us-east-1:000000000000:group\/slow-checkout\/\w+$/);
  assert.equal(created.Group?.FilterExpression, 'responsetime > 2');
  assert.deepEqual(created.Group?.InsightsConfiguration, { InsightsEnabled: false, NotificationsEnabled: false });

  const byArn = await client().send(new GetGroupCommand({ GroupARN: created.Group?.GroupARN }));
  assert.deepEqual(byArn.Group, created.Group);

  const listed = await client().send(new GetGroupsCommand({}));
  assert.deepEqual(
    listed.Groups?.map((g) => g.GroupName),
    ['Default', 'slow-checkout'],
  );

  const updated = await client().send(
    new UpdateGroupCommand({ GroupName: 'slow-checkout', FilterExpression: 'responsetime > 3' }),
  );
  assert.equal(updated.Group?.FilterExpression, 'responsetime > 3');
  assert.equal(updated.Group?.GroupARN, created.Group?.GroupARN);

  // Durable: a reopened store still has it.
  await stop();
  await serve();
  const again = await client().send(new GetGroupCommand({ GroupName: 'slow-checkout' }));
  assert.equal(again.Group?.FilterExpression, 'responsetime > 3');

  await client().send(new DeleteGroupCommand({ GroupName: 'slow-checkout' }));
  await assert.rejects(client().send(new GetGroupCommand({ GroupName: 'slow-checkout' })), ResourceNotFoundException);
  await assert.rejects(client().send(new DeleteGroupCommand({ GroupName: 'Default' })), /Default group always exists/);
  const defaultGroup = await client().send(new GetGroupCommand({ GroupName: 'Default' }));
  assert.equal(defaultGroup.Group?.FilterExpression, undefined);
});

test('bad names, duplicates and bad filter expressions are InvalidRequestException', async () => {
  await assert.rejects(client().send(new CreateGroupCommand({ GroupName: 'has space' })), InvalidRequestException);
  await assert.rejects(client().send(new CreateGroupCommand({ GroupName: 'x'.repeat(33) })), InvalidRequestException);
  await assert.rejects(client().send(new CreateGroupCommand({ GroupName: 'Default' })), /already exists/);
  await assert.rejects(
    client().send(new CreateGroupCommand({ GroupName: 'bad', FilterExpression: 'fualt' })),
    (error) => {
      assert.ok(error instanceof InvalidRequestException);
      assert.match(error.message, /1:1: .*\n {2}fualt\n {2}\^{5}/);
      return true;
    },
  );
  await client().send(new CreateGroupCommand({ GroupName: 'dup' }));
  await assert.rejects(client().send(new CreateGroupCommand({ GroupName: 'dup' })), /already exists/);
});
