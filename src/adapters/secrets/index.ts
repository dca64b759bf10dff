import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt as scryptCb, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Secrets at rest (store access tokens, API keys): AES-256-GCM, the key derived with scrypt from
 * `GATEHOUSE_SECRET` and a fresh random salt per value, a fresh 96-bit nonce per value.
 *
 * Stored format, self-describing and versioned (base64url parts):
 *   `v1:<salt 16 B>:<iv 12 B>:<tag 16 B>:<ciphertext>`
 * The version string is bound into the GCM additional data, so a part cannot be swapped silently.
 *
 * @example
 *   const stored = await encryptSecret('shpat_…', process.env.GATEHOUSE_SECRET!);
 *   const token = await decryptSecret(stored, process.env.GATEHOUSE_SECRET!);
 */

const VERSION = 'v1';
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** N=2^15, r=8, p=1: ~30 ms and 32 MiB per derivation; the cache below pays it once per salt. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const MIN_SECRET_LENGTH = 16;

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/** Why a stored value could not be used. Never carries the plaintext, the key or the secret. */
export class SecretError extends Error {
  override readonly name = 'SecretError';
  constructor(
    readonly code: 'secret_missing' | 'secret_too_short' | 'malformed' | 'unsupported_version' | 'decrypt_failed',
    message: string,
  ) {
    super(message);
  }
}

// ------------------------------------------------------------------ key cache
// In memory only, keyed by (hash of secret, salt) so the map never holds the secret itself.
const MAX_CACHED_KEYS = 1024;
const keyCache = new Map<string, Buffer>();

function cacheId(secret: string, salt: Buffer): string {
  // A sha256 of the secret is only a lookup key; what protects values is the scrypt-derived key.
  const digest = createHash('sha256').update('gatehouse-key-cache\0').update(secret).digest('base64url');
  return `${salt.toString('base64url')}:${digest}`;
}

function remember(id: string, key: Buffer): Buffer {
  if (keyCache.size >= MAX_CACHED_KEYS) keyCache.delete(keyCache.keys().next().value as string);
  keyCache.set(id, key);
  return key;
}

/** Derivations under way: concurrent first uses of one stored value share one scrypt run. */
const deriving = new Map<string, Promise<Buffer>>();

async function deriveKey(secret: string, salt: Buffer): Promise<Buffer> {
  const id = cacheId(secret, salt);
  const cached = keyCache.get(id);
  if (cached) return cached;
  let pending = deriving.get(id);
  if (!pending) {
    pending = scrypt(secret, salt, KEY_BYTES, SCRYPT)
      .then((key) => remember(id, key))
      .finally(() => deriving.delete(id));
    deriving.set(id, pending);
  }
  return pending;
}

function deriveKeySync(secret: string, salt: Buffer): Buffer {
  const id = cacheId(secret, salt);
  const cached = keyCache.get(id);
  if (cached) return cached;
  return remember(id, scryptSync(secret, salt, KEY_BYTES, SCRYPT));
}

/** Forget every derived key (tests; after a rotation). */
export function clearSecretKeyCache(): void {
  keyCache.clear();
}

function checkSecret(secret: string | undefined | null): string {
  if (!secret) throw new SecretError('secret_missing', 'GATEHOUSE_SECRET is not set');
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new SecretError('secret_too_short', `GATEHOUSE_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return secret;
}

// ------------------------------------------------------------------ format
interface Parts {
  salt: Buffer;
  iv: Buffer;
  tag: Buffer;
  ct: Buffer;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function parse(stored: string): Parts {
  if (typeof stored !== 'string') throw new SecretError('malformed', 'stored secret is not a string');
  const parts = stored.split(':');
  if (parts[0] !== VERSION) {
    throw new SecretError(
      parts.length === 5 && /^v\d+$/.test(parts[0]) ? 'unsupported_version' : 'malformed',
      parts.length === 5 && /^v\d+$/.test(parts[0])
        ? `stored secret has unsupported format version ${parts[0]}`
        : 'stored secret is not in the v1:salt:iv:tag:ciphertext format',
    );
  }
  if (parts.length !== 5 || !parts.slice(1).every((p) => B64URL.test(p))) {
    throw new SecretError('malformed', 'stored secret is not in the v1:salt:iv:tag:ciphertext format');
  }
  const [, salt, iv, tag, ct] = parts.map((p) => Buffer.from(p, 'base64url'));
  if (salt.length !== SALT_BYTES || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretError('malformed', 'stored secret has parts of the wrong length');
  }
  return { salt, iv, tag, ct };
}

function format({ salt, iv, tag, ct }: Parts): string {
  return [VERSION, salt, iv, tag, ct].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join(':');
}

function seal(plain: string, key: Buffer, salt: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(VERSION));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return format({ salt, iv, tag: cipher.getAuthTag(), ct });
}

function open(parts: Parts, key: Buffer): string {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ct), decipher.final()]).toString('utf8');
  } catch {
    // Node's message ("Unsupported state or unable to authenticate data") says nothing secret,
    // but we replace it anyway so no library detail can ever leak through.
    throw new SecretError('decrypt_failed', 'stored secret could not be decrypted (wrong GATEHOUSE_SECRET or tampered value)');
  }
}

// ------------------------------------------------------------------ API
/** Encrypt a value for storage. Same plaintext twice → two different stored strings. */
export async function encryptSecret(plain: string, secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return seal(plain, await deriveKey(checkSecret(secret), salt), salt);
}

/** Decrypt a stored value in memory, at the moment of use. Throws SecretError on any tampering. */
export async function decryptSecret(stored: string, secret: string): Promise<string> {
  const parts = parse(stored);
  return open(parts, await deriveKey(checkSecret(secret), parts.salt));
}

/** Synchronous variants for start-up code paths (same format, same cache). */
export function encryptSecretSync(plain: string, secret: string): string {
  const salt = randomBytes(SALT_BYTES);
  return seal(plain, deriveKeySync(checkSecret(secret), salt), salt);
}
export function decryptSecretSync(stored: string, secret: string): string {
  const parts = parse(stored);
  return open(parts, deriveKeySync(checkSecret(secret), parts.salt));
}

/** Re-encrypt a stored value under a new secret (fresh salt and nonce). The plaintext stays in memory only. */
export async function rotateSecret(stored: string, oldSecret: string, newSecret: string): Promise<string> {
  return encryptSecret(await decryptSecret(stored, oldSecret), newSecret);
}

/** True when `value` looks like something `encryptSecret` produced (any known version). */
export function isEncryptedSecret(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
}

/** Constant-time comparison of two strings (for shared-secret webhook checks). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab); // spend comparable time either way
    return false;
  }
  return timingSafeEqual(ab, bb);
}

export { redactSecrets, createRedactor, SECRET_PATTERNS } from './redact.ts';

/**
 * Rotate many stored values at once (the service re-encrypts every credential when
 * GATEHOUSE_SECRET changes). All or nothing: if any value fails to open, nothing is returned.
 */
export async function rotateSecrets(stored: readonly string[], oldSecret: string, newSecret: string): Promise<string[]> {
  const out: string[] = [];
  for (const value of stored) out.push(await rotateSecret(value, oldSecret, newSecret));
  return out;
}
