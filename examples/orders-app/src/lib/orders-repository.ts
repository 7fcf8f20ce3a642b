import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { AUDIT_TABLE, ORDERS_TABLE } from './config';
import { ddb } from './db';

export interface Order {
  orderId: string;
  customerId: string;
  status: 'new' | 'paid' | 'shipped' | 'cancelled';
  total: number;
}

export async function putOrder(order: Order): Promise<void> {
  await ddb.send(new PutCommand({ TableName: ORDERS_TABLE, Item: order }));
}

export async function getOrder(orderId: string): Promise<Order | undefined> {
  const result = await ddb.send(new GetCommand({ TableName: ORDERS_TABLE, Key: { orderId } }));
  return result.Item as Order | undefined;
}

export async function setStatus(orderId: string, status: Order['status']): Promise<void> {
  await ddb.send(
    new UpdateCommand({
      TableName: ORDERS_TABLE,
      Key: { orderId },
      UpdateExpression: 'SET #status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status },
    }),
  );
  await ddb.send(
    new PutCommand({ TableName: AUDIT_TABLE, Item: { orderId, status, at: Date.now() } }),
  );
}

export async function deleteOrder(orderId: string): Promise<void> {
  await ddb.send(new DeleteCommand({ TableName: ORDERS_TABLE, Key: { orderId } }));
}

export async function listOrders(): Promise<Order[]> {
  const result = await ddb.send(new ScanCommand({ TableName: ORDERS_TABLE }));
  return (result.Items ?? []) as Order[];
}
