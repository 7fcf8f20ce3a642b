import { randomUUID } from 'node:crypto';
import { customerExists } from '../lib/customers';
import { putOrder } from '../lib/orders-repository';
import { type HttpEvent, json } from './http';

export const handler = async (event: HttpEvent) => {
  const { customerId, total } = JSON.parse(event.body ?? '{}');
  if (!(await customerExists(customerId))) {
    return json(404, { message: 'unknown customer' });
  }

  const order = { orderId: randomUUID(), customerId, total, status: 'new' as const };
  await putOrder(order);
  return json(201, order);
};
