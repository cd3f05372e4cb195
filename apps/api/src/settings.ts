import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

const flag = z.enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off']);

const envSchema = z.object({
  PORT: z
    .string()
    .regex(/^[0-9]{1,5}$/, 'must be a port number')
    .transform(Number)
    .pipe(z.int().min(0).max(65535, 'must be a port number'))
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  ROTA_DATA_DIR: z.string().min(1).default('./.rota-data'),
  // Stored as an unsalted SHA-256 like every token, so it must be unguessable by itself: 32+
  // characters of a random generator (`openssl rand -base64 32`), not a phrase a person chose.
  ROTA_ADMIN_TOKEN: z
    .string()
    .min(32, 'must be at least 32 random characters (e.g. openssl rand -base64 32)')
    .max(200)
    .refine(
      (value) => new Set(value).size >= 12,
      'must be random (at least 12 different characters), e.g. openssl rand -base64 32',
    )
    .optional(),
  ROTA_DEMO: flag.optional(),
  ROTA_MAX_IN_FLIGHT: z
    .string()
    .regex(/^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.int().min(1000, 'must be at least 1000'))
    .optional(),
  ROTA_SIGNUP_LANES: z
    .string()
    .regex(/^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.int().min(1, 'must be 1 to 64').max(64, 'must be 1 to 64'))
    .default(1),
  ROTA_PREPARED_STATEMENTS: flag.optional(),
  ROTA_PLAN_CACHE_MODE: z.enum(['force_custom_plan', 'auto']).optional(),
  ROTA_WORKERS: flag.optional(),
  ROTA_DISPATCH_MAX_LAG_MS: z
    .string()
    .regex(/^[0-9]+$/, 'must be a whole number of milliseconds (0: never defer)')
    .transform(Number)
    .pipe(z.int().max(3_600_000, 'must be at most 3600000 (an hour)'))
    .default(5_000),
  ROTA_DISPATCH_BURST: z
    .string()
    .regex(/^[0-9]+$/, 'must be a whole number of events per second')
    .transform(Number)
    .pipe(z.int().min(1, 'must be at least 1'))
    .default(500),
  ROTA_WEBHOOK_ALLOW_PRIVATE: flag.optional(),
  ROTA_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  ROTA_MAIL_FROM: z.string().min(3).max(300).default('Rota <rota@localhost>'),
  ROTA_SMS_GATEWAY_URL: z
    .string()
    .regex(/^https?:\/\//, 'must be an http(s) URL')
    .optional(),
  ROTA_SMS_GATEWAY_TOKEN: z.string().min(1).max(2000).optional(),
  ROTA_SESSION_IDLE_DAYS: z
    .string()
    .regex(/^[0-9]+$/, 'must be a whole number of days')
    .transform(Number)
    .pipe(z.int().min(1, 'must be 1 to 400').max(400, 'must be 1 to 400'))
    .default(14),
  ROTA_TRUST_PROXY: z
    .string()
    .regex(
      /^(0|1|true|false|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/,
      'must be 0, 1, or a comma-separated list of proxy addresses or CIDRs',
    )
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const on = (value: string) => ['1', 'true', 'yes', 'on'].includes(value);

/** The server's settings, read from the environment once at start. */
export interface Settings {
  port: number;
  host: string;
  /** PostgreSQL when set, else the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  adminToken: string | undefined;
  demo: boolean;
  maxInFlight: number | undefined;
  /** Signup group-commit transactions that may run at once (PostgreSQL). */
  signupLanes: number;
  /** Named prepared statements for the hot statements (PostgreSQL; default off, decision 0008). */
  preparedStatements: boolean;
  /**
   * PostgreSQL's plan_cache_mode for the pooled sessions; unset: `auto`, or `force_custom_plan`
   * with prepared statements (decision 0008, amendment).
   */
  planCacheMode: 'force_custom_plan' | 'auto' | undefined;
  /** Run the notification workers inside the API process (default on). */
  workers: boolean;
  /**
   * The dispatcher's pacing (docs/notifications.md): during a burst (more than
   * `dispatchBurstPerSecond` outbox events written per second) the fan-out waits, each event at
   * most `dispatchMaxLagMs` (0: never wait).
   */
  dispatchMaxLagMs: number;
  dispatchBurstPerSecond: number;
  /** Webhook URLs on loopback and private addresses are allowed (default off). */
  webhookAllowPrivate: boolean;
  /** Email: SMTP server (unset: no email channel). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** SMS: the generic HTTP gateway (unset: no SMS channel). */
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  /** Days without use after which a web session ends. */
  sessionIdleDays: number;
  logLevel: string;
  /**
   * Whose X-Forwarded-For to believe for the client's address in logs: nobody by default; all
   * (`1`: only behind a proxy that overwrites the header) or the listed proxy addresses.
   */
  trustProxy: boolean | string[];
}

/** Thrown for settings that cannot be used; the message names every bad variable. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/**
 * Reads and validates the settings. Empty variables count as unset. `ROTA_DATA_DIR` is
 * resolved against the folder npm was started from (`INIT_CWD`), so that `npm start` at the
 * root keeps `./.rota-data` at the root although the workspace script runs in apps/api.
 *
 * @example
 * readSettings({ PORT: '8080' }, '/repo').port // 8080
 */
export function readSettings(env: Record<string, string | undefined>, cwd: string): Settings {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new SettingsError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  const base = env.INIT_CWD || cwd;
  const embedded = value.DATABASE_URL === undefined;
  return {
    port: value.PORT,
    host: value.HOST,
    databaseUrl: value.DATABASE_URL,
    dataDir: isAbsolute(value.ROTA_DATA_DIR)
      ? value.ROTA_DATA_DIR
      : resolve(base, value.ROTA_DATA_DIR),
    adminToken: value.ROTA_ADMIN_TOKEN,
    demo:
      value.ROTA_DEMO === undefined
        ? embedded
        : ['1', 'true', 'yes', 'on'].includes(value.ROTA_DEMO),
    maxInFlight: value.ROTA_MAX_IN_FLIGHT,
    signupLanes: value.ROTA_SIGNUP_LANES,
    preparedStatements:
      value.ROTA_PREPARED_STATEMENTS !== undefined && on(value.ROTA_PREPARED_STATEMENTS),
    planCacheMode: value.ROTA_PLAN_CACHE_MODE,
    workers: value.ROTA_WORKERS === undefined || on(value.ROTA_WORKERS),
    dispatchMaxLagMs: value.ROTA_DISPATCH_MAX_LAG_MS,
    dispatchBurstPerSecond: value.ROTA_DISPATCH_BURST,
    webhookAllowPrivate:
      value.ROTA_WEBHOOK_ALLOW_PRIVATE !== undefined && on(value.ROTA_WEBHOOK_ALLOW_PRIVATE),
    smtpUrl: value.ROTA_SMTP_URL,
    mailFrom: value.ROTA_MAIL_FROM,
    smsGatewayUrl: value.ROTA_SMS_GATEWAY_URL,
    smsGatewayToken: value.ROTA_SMS_GATEWAY_TOKEN,
    sessionIdleDays: value.ROTA_SESSION_IDLE_DAYS,
    logLevel: value.LOG_LEVEL,
    trustProxy:
      value.ROTA_TRUST_PROXY === undefined || ['0', 'false'].includes(value.ROTA_TRUST_PROXY)
        ? false
        : ['1', 'true'].includes(value.ROTA_TRUST_PROXY)
          ? true
          : value.ROTA_TRUST_PROXY.split(','),
  };
}
