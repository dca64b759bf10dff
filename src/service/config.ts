import { z } from 'zod';
import { parseOrThrow } from '../errors.ts';

/** The service's environment, validated at start-up (an error names the variable). */
export const serviceEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  GATEHOUSE_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().optional(),
  GATEHOUSE_SECRET: z.string().min(16, 'use at least 16 characters').optional(),
  GATEHOUSE_KILL_SWITCH: z.enum(['0', '1', 'true', 'false', '']).optional(),
  GATEHOUSE_WORKERS: z.coerce.number().int().min(0).max(64).default(4),
  GATEHOUSE_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  GATEHOUSE_RATE_WINDOW_MS: z.coerce.number().int().min(100).default(60_000),
  GATEHOUSE_DEMO_PASSWORD: z.string().min(8).optional(),
  GATEHOUSE_SECURE_COOKIES: z.enum(['0', '1']).optional(),
  GATEHOUSE_MODEL_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  GATEHOUSE_LOG: z.enum(['info', 'warn']).default('info'),
  /** the public base URL (behind a proxy): carrier signatures are computed over it */
  GATEHOUSE_PUBLIC_URL: z.string().url().optional(),
  TWILIO_AUTH_TOKEN: z.string().min(8).optional(),
  GATEHOUSE_INBOUND_SECRET: z.string().min(16, 'use at least 16 characters').optional(),
  MAILGUN_SIGNING_KEY: z.string().min(8).optional(),
  /** where the Shopify adapter sends requests instead of https://{shop} (a proxy, a local peer in tests) */
  GATEHOUSE_SHOPIFY_BASE_URL: z.string().url().optional(),
});

export type ServiceEnv = z.output<typeof serviceEnvSchema>;

export function readServiceEnv(env: NodeJS.ProcessEnv = process.env): ServiceEnv {
  // empty variables count as unset (a blank DATABASE_URL= means "use PGlite")
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  return parseOrThrow(serviceEnvSchema, present);
}

export const killSwitchFromEnv = (value: string | undefined) => value === '1' || value === 'true';
