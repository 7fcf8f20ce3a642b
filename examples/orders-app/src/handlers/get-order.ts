import { getOrder } from '../lib/orders-repository';
import { type HttpEvent, json } from './http';

export const handler = async (event: HttpEvent) => {
  const order = await getOrder(event.pathParameters?.orderId ?? '');
  return order ? json(200, order) : json(404, { message: 'not found' });
};
