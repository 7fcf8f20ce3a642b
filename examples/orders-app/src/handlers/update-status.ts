import { setStatus } from '../lib/orders-repository';
import { type HttpEvent, json } from './http';

export const handler = async (event: HttpEvent) => {
  const { status } = JSON.parse(event.body ?? '{}');
  await setStatus(event.pathParameters?.orderId ?? '', status);
  return json(204, {});
};
