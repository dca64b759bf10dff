import { describe, expect, it } from 'vitest';
import {
  SecretError, clearSecretKeyCache, createRedactor, decryptSecret, decryptSecretSync, encryptSecret,
  encryptSecretSync, isEncryptedSecret, redactSecrets, rotateSecret, rotateSecrets, safeEqual,
} from '../../src/adapters/secrets/index.ts';

const SECRET = 'correct horse battery staple 42';
const OTHER = 'a completely different secret!!';
const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';

function flip(stored: string, partIndex: number): string {
  const parts = stored.split(':');
  const bytes = Buffer.from(parts[partIndex], 'base64url');
  bytes[0] ^= 0x01;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join(':');
}

async function errorOf(fn: () => Promise<unknown>): Promise<SecretError> {
  try {
    await fn();
  } catch (error) {
    return error as SecretError;
  }
  throw new Error('expected an error');
}

describe('secrets at rest', () => {
  it('round-trips, in the versioned v1 format, without the plaintext in it', async () => {
    const stored = await encryptSecret(TOKEN, SECRET);
    expect(stored).toMatch(/^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain(TOKEN);
    expect(isEncryptedSecret(stored)).toBe(true);
    expect(isEncryptedSecret(TOKEN)).toBe(false);
    expect(await decryptSecret(stored, SECRET)).toBe(TOKEN);
  });

  it('uses a fresh salt and nonce per value: identical values give different ciphertexts', async () => {
    const a = (await encryptSecret(TOKEN, SECRET)).split(':');
    const b = (await encryptSecret(TOKEN, SECRET)).split(':');
    expect(a[1]).not.toBe(b[1]); // salt
    expect(a[2]).not.toBe(b[2]); // nonce
    expect(a[4]).not.toBe(b[4]); // ciphertext
  });

  it('handles unicode and empty values, and the sync variants share the format', async () => {
    for (const value of ['', 'pässwörd 🔑', 'x'.repeat(5000)]) {
      expect(await decryptSecret(encryptSecretSync(value, SECRET), SECRET)).toBe(value);
      expect(decryptSecretSync(await encryptSecret(value, SECRET), SECRET)).toBe(value);
    }
  });

  it('refuses every tampered part with an error that carries neither plaintext nor secret', async () => {
    const stored = await encryptSecret(TOKEN, SECRET);
    for (const index of [1, 2, 3, 4]) {
      const error = await errorOf(() => decryptSecret(flip(stored, index), SECRET));
      expect(error).toBeInstanceOf(SecretError);
      expect(error.code).toBe('decrypt_failed');
      const seen = `${error.message} ${error.stack} ${JSON.stringify(error)}`;
      expect(seen).not.toContain(TOKEN);
      expect(seen).not.toContain(SECRET);
    }
  });

  it('refuses the wrong secret, a truncated value, an unknown version, and a weak secret', async () => {
    const stored = await encryptSecret(TOKEN, SECRET);
    expect((await errorOf(() => decryptSecret(stored, OTHER))).code).toBe('decrypt_failed');
    expect((await errorOf(() => decryptSecret(stored.split(':').slice(0, 4).join(':'), SECRET))).code).toBe('malformed');
    expect((await errorOf(() => decryptSecret(stored.replace(/^v1/, 'v9'), SECRET))).code).toBe('unsupported_version');
    expect((await errorOf(() => decryptSecret(TOKEN, SECRET))).code).toBe('malformed');
    expect((await errorOf(() => encryptSecret(TOKEN, 'short'))).code).toBe('secret_too_short');
    expect((await errorOf(() => encryptSecret(TOKEN, '')))).toBeInstanceOf(SecretError);
  });

  it('rotates: the new value opens with the new secret only', async () => {
    const stored = await encryptSecret(TOKEN, SECRET);
    const rotated = await rotateSecret(stored, SECRET, OTHER);
    expect(rotated).not.toBe(stored);
    expect(rotated.split(':')[1]).not.toBe(stored.split(':')[1]);
    clearSecretKeyCache();
    expect(await decryptSecret(rotated, OTHER)).toBe(TOKEN);
    expect((await errorOf(() => decryptSecret(rotated, SECRET))).code).toBe('decrypt_failed');
  });

  it('rotates a list all or nothing', async () => {
    const stored = [await encryptSecret('token-a', SECRET), await encryptSecret('token-b', SECRET)];
    const rotated = await rotateSecrets(stored, SECRET, OTHER);
    expect(await Promise.all(rotated.map((v) => decryptSecret(v, OTHER)))).toEqual(['token-a', 'token-b']);
    const withForeign = [...stored, await encryptSecret('token-c', OTHER)];
    expect((await errorOf(() => rotateSecrets(withForeign, SECRET, OTHER))).code).toBe('decrypt_failed');
  });

  it('compares shared secrets in constant time', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('redaction of log lines', () => {
  it('masks the known secrets and common credential shapes, keeping the rest readable', async () => {
    const sealed = await encryptSecret(TOKEN, SECRET);
    const redact = createRedactor(['my-private-key-value']);
    const line = redact(
      `POST /admin key=my-private-key-value X-Shopify-Access-Token: ${TOKEN} Authorization: Bearer sk-abcdefghijklmnopqrstuv stored=${sealed}`,
    );
    expect(line).not.toContain('my-private-key-value');
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain('sk-abcdefghijklmnopqrstuv');
    expect(line).not.toContain(sealed);
    expect(line).toContain('POST /admin');
    expect(line).toContain('[redacted]');
  });

  it('masks tokens it was not told about and leaves ordinary text alone', () => {
    expect(redactSecrets('token shpca_abcdef1234567890 leaked')).toBe('token [redacted] leaked');
    expect(redactSecrets('{"api_key":"abcd1234efgh"}')).toBe('{"api_key":"[redacted]"}');
    const plain = 'Refund 12.50 USD on order #1001 for jane@example.com';
    expect(redactSecrets(plain, ['abc'])).toBe(plain);
  });
});

describe('key derivation cache', () => {
  it('opens many values concurrently, each correctly, sharing derivations per salt', async () => {
    const values = await Promise.all(['a-token-1', 'a-token-2', 'a-token-3'].map((v) => encryptSecret(v, SECRET)));
    clearSecretKeyCache();
    const opened = await Promise.all([...values, ...values, ...values].map((v) => decryptSecret(v, SECRET)));
    expect(opened).toEqual(['a-token-1', 'a-token-2', 'a-token-3', 'a-token-1', 'a-token-2', 'a-token-3', 'a-token-1', 'a-token-2', 'a-token-3']);
  });
});
