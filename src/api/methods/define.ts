// Building blocks for declaring contract methods: a parameter schema plus a phantom result type.
import { z } from 'zod';

export interface MethodSpec<P extends z.ZodType, R> {
  params: P;
  /** Phantom: carries the result type; never read at run time. */
  result?: R;
}

export function method<R>() {
  return <P extends z.ZodType>(params: P): MethodSpec<P, R> => ({ params });
}

// Hostnames and ports are checked here so a typo is a VALIDATION error, not a DNS lookup.
export const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'host');
export const port = z.number().int().min(1).max(65535);
export const endpoint = z.object({ host, port, security: z.enum(['tls', 'starttls']) });
export const email = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'email');
export const accountId = z.string().min(1).max(320);
export const folder = z.string().min(1).max(1000);
export const uid = z.number().int().positive();
export const uids = z.array(uid).min(1).max(100_000);
