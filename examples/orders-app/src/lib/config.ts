export const ORDERS_TABLE = process.env.ORDERS_TABLE ?? 'orders-local';

// Written by the audit stack, which lives in another repository.
export const AUDIT_TABLE = 'orders-audit';
