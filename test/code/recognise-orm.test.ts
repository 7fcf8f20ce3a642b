import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/code/facts.js';
import { operationsIn, scanApp } from './write-app.js';

function view(operation: Operation) {
  return {
    action: operation.action,
    target: operation.target,
    index: operation.indexName,
    line: operation.location.line,
    viaPaginator: operation.viaPaginator,
  };
}

const electroDbEntity = `import { Entity } from 'electrodb';
export const Member = new Entity(
  {
    model: { entity: 'member', version: '1', service: 'org' },
    attributes: { memberId: { type: 'string' }, teamId: { type: 'string' } },
    indexes: {
      primary: { pk: { field: 'pk', composite: ['memberId'] } },
      byTeam: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['teamId'] } },
    },
  },
  { table: process.env.APP_TABLE },
);
`;

const toolboxEntity = `import { Entity } from 'dynamodb-toolbox/entity';
import { Table } from 'dynamodb-toolbox/table';
export const AppTable = new Table({ name: process.env.APP_TABLE, partitionKey: { name: 'pk', type: 'string' } });
export const Invoice = new Entity({ name: 'Invoice', schema: {}, table: AppTable });
`;

const dynamooseModel = `const dynamoose = require('dynamoose');
const Cat = dynamoose.model(
  'Cats',
  new dynamoose.Schema({ id: String, ownerId: { type: String, index: { name: 'ownerIndex' } } }),
);
module.exports = { Cat };
`;

describe('recogniseOrm', () => {
  it('reads ElectroDB access patterns, their index and the entity table from another module', async () => {
    const { scan } = await scanApp({
      'src/member.ts': electroDbEntity,
      'src/handler.ts': `import { Member } from './member';
export const byTeam = async (teamId: string) =>
  Member.query.byTeam({ teamId }).go({ pages: 'all' });
export const all = async () => Member.scan.go();
export const one = async (memberId: string) => Member.get({ memberId }).go();
export const own = async (memberId: string) => Member.query.primary({ memberId }).go();
export const drop = async (memberId: string) => Member.remove({ memberId }).go();
`,
    });

    const env = { kind: 'env', name: 'APP_TABLE' };
    expect(operationsIn(scan, 'src/handler.ts').map(view)).toEqual([
      {
        action: 'query',
        target: env,
        index: { kind: 'literal', value: 'gsi1' },
        line: 3,
        viaPaginator: true,
      },
      { action: 'scan', target: env, index: undefined, line: 4, viaPaginator: false },
      { action: 'get', target: env, index: undefined, line: 5, viaPaginator: false },
      { action: 'query', target: env, index: undefined, line: 6, viaPaginator: false },
      { action: 'delete', target: env, index: undefined, line: 7, viaPaginator: false },
    ]);
  });

  it('reads dynamodb-toolbox commands through the entity or table they are built on', async () => {
    const { scan } = await scanApp({
      'src/invoice.ts': toolboxEntity,
      'src/handler.ts': `import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { AppTable, Invoice } from './invoice';
export const get = async (invoiceId: string) =>
  Invoice.build(GetItemCommand).key({ invoiceId }).send();
export const byTeam = async (teamId: string) =>
  AppTable.build(QueryCommand)
    .query({ index: 'gsi1', partition: teamId })
    .options({ maxPages: Infinity })
    .send();
`,
    });

    const env = { kind: 'env', name: 'APP_TABLE' };
    expect(operationsIn(scan, 'src/handler.ts').map(view)).toEqual([
      { action: 'get', target: env, index: undefined, line: 5, viaPaginator: false },
      {
        action: 'query',
        target: env,
        index: { kind: 'literal', value: 'gsi1' },
        line: 7,
        viaPaginator: true,
      },
    ]);
    expect(scan.operations.map(operation => operation.sdkName)).toEqual([
      'GetItemCommand',
      'QueryCommand',
    ]);
  });

  it('reads Dynamoose models: the model name is the table, an indexed attribute names the index', async () => {
    const { scan } = await scanApp({
      'src/cat.js': dynamooseModel,
      'src/handler.js': `const { Cat } = require('./cat');
exports.byOwner = async (ownerId) => Cat.query('ownerId').eq(ownerId).all().exec();
exports.byId = async (id) => Cat.query('id').eq(id).exec();
exports.all = async () => Cat.scan().exec();
`,
    });

    const cats = { kind: 'literal', value: 'Cats' };
    expect(operationsIn(scan, 'src/handler.js').map(view)).toEqual([
      {
        action: 'query',
        target: cats,
        index: { kind: 'literal', value: 'ownerIndex' },
        line: 2,
        viaPaginator: true,
      },
      { action: 'query', target: cats, index: undefined, line: 3, viaPaginator: false },
      { action: 'scan', target: cats, index: undefined, line: 4, viaPaginator: false },
    ]);
  });

  it('recognises a model used in the module that builds it', async () => {
    const { scan } = await scanApp({
      'src/cats.js': `import dynamoose from 'dynamoose';
const Cat = dynamoose.model('Cats', { id: String });
export const all = () => Cat.scan().exec();
`,
    });

    expect(scan.operations.map(view)).toEqual([
      {
        action: 'scan',
        target: { kind: 'literal', value: 'Cats' },
        index: undefined,
        line: 3,
        viaPaginator: false,
      },
    ]);
  });

  it('ignores go, send and exec chains on bindings that are not models', async () => {
    const { scan } = await scanApp({
      'src/other.ts': `import mongoose from 'mongoose';
const Cat = mongoose.model(process.env.CATS ?? 'Cat', {});
const runner = { scan: { go: () => 1 } };
export const a = () => Cat.find().exec();
export const b = () => runner.scan.go();
export const c = (client: { build: (x: unknown) => { send: () => void } }) => client.build(1).send();
`,
    });

    expect(scan.operations).toEqual([]);
  });
});
