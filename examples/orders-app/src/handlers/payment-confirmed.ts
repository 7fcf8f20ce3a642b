import { setStatus } from '../lib/orders-repository';

interface SqsEvent {
  Records: Array<{ body: string }>;
}

export const handler = async (event: SqsEvent) => {
  for (const record of event.Records) {
    const { orderId } = JSON.parse(record.body);
    await setStatus(orderId, 'paid');
  }
};
