/** Contract cases for sampling rules and groups kept by kind and name. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContractStoreFactory } from './contract-harness.ts';
import { withStore } from './contract-harness.ts';
import { TRICKY_STRINGS, makeConfigRecord } from './record-builders.ts';

/** Registers the config cases. */
export function describeConfigContract(createStore: ContractStoreFactory): void {
  describe('config records', () => {
    test('put replaces by kind and name; list is by name; kinds are apart', () =>
      withStore(createStore, async ({ store }) => {
        assert.deepEqual(await store.listConfig('group'), []);
        const rule = makeConfigRecord({ name: 'b-rule' });
        const group = makeConfigRecord({ kind: 'group', name: 'b-rule', body: '{"FilterExpression":"ok"}' });
        const first = makeConfigRecord({ name: 'a-rule' });
        await store.putConfig(rule);
        await store.putConfig(group);
        await store.putConfig(first);
        const changed = { ...rule, body: '{"FixedRate":1}', modifiedAt: rule.modifiedAt + 5 };
        await store.putConfig(changed);
        assert.deepEqual(await store.listConfig('sampling-rule'), [first, changed]);
        assert.deepEqual(await store.listConfig('group'), [group]);
      }));

    test('delete says whether something was deleted', () =>
      withStore(createStore, async ({ store }) => {
        const rule = makeConfigRecord();
        await store.putConfig(rule);
        assert.equal(await store.deleteConfig('group', rule.name), false);
        assert.equal(await store.deleteConfig('sampling-rule', 'unknown'), false);
        assert.equal(await store.deleteConfig('sampling-rule', rule.name), true);
        assert.equal(await store.deleteConfig('sampling-rule', rule.name), false);
        assert.deepEqual(await store.listConfig('sampling-rule'), []);
      }));

    test('keeps names and bodies with quotes and unicode as data', () =>
      withStore(createStore, async ({ store }) => {
        const records = TRICKY_STRINGS.map((text, i) => makeConfigRecord({ name: `${i}:${text}`, body: text }));
        for (const record of records) await store.putConfig(record);
        const listed = await store.listConfig('sampling-rule');
        assert.deepEqual(new Set(listed), new Set(records));
        assert.equal(await store.deleteConfig('sampling-rule', records[0]!.name), true);
        assert.equal((await store.listConfig('sampling-rule')).length, records.length - 1);
      }));
  });
}
