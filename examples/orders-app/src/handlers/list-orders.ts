import { listOrders } from '../lib/orders-repository';
import { json } from './http';

export const handler = async () => json(200, await listOrders());
