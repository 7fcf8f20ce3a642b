import { deleteOrder } from '../lib/orders-repository';
import { type HttpEvent, json } from './http';

export const handler = async (event: HttpEvent) => {
  await deleteOrder(event.pathParameters?.orderId ?? '');
  return json(204, {});
};
