import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './db';

const { CUSTOMERS_TABLE } = process.env;

export async function customerExists(customerId: string): Promise<boolean> {
  const result = await ddb.send(
    new GetCommand({ TableName: CUSTOMERS_TABLE, Key: { customerId } }),
  );
  return result.Item !== undefined;
}
