import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDb } from '../helpers/harness.ts';
import type { Db } from '../../src/service/db/port.ts';
import { createOrg } from '../../src/service/repo/accounts.ts';
import { putStoreCredential, storeCredential } from '../../src/service/repo/integrations.ts';
import { withOrg } from '../../src/service/db/tenant.ts';
import { decryptSecret, encryptSecret } from '../../src/adapters/secrets/index.ts';
import { rotateStoredCredentials } from '../../src/service/rotate-secret.ts';

const OLD = 'old-secret-0123456789abcdef';
const NEW = 'new-secret-fedcba9876543210';

for (const engine of ENGINES) {
  describe(`rotating GATEHOUSE_SECRET [${engine}]`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    const orgs: string[] = [];

    beforeAll(async () => {
      ({ db, drop } = await openTestDb(engine));
      for (const token of ['shpat_first_org_token', 'shpat_second_org_token']) {
        const orgId = await db.transaction((tx) => createOrg(tx, `Org ${token}`));
        const sealed = await encryptSecret(token, OLD);
        await withOrg(db, orgId, (tx) => putStoreCredential(tx, orgId, 'shopify', 'shop.example', sealed));
        orgs.push(orgId);
      }
    });
    afterAll(async () => drop?.());

    const stored = (orgId: string) => withOrg(db, orgId, (tx) => storeCredential(tx, orgId));

    it('re-encrypts every org\'s credential: it opens with the new secret only, and the ciphertext changed', async () => {
      const before = await Promise.all(orgs.map(stored));
      const { rotated } = await rotateStoredCredentials(db, OLD, NEW);
      expect(rotated).toBe(2);
      const after = await Promise.all(orgs.map(stored));
      expect(await decryptSecret(after[0]!.ciphertext, NEW)).toBe('shpat_first_org_token');
      expect(await decryptSecret(after[1]!.ciphertext, NEW)).toBe('shpat_second_org_token');
      expect(after[0]!.ciphertext).not.toBe(before[0]!.ciphertext);
      await expect(decryptSecret(after[0]!.ciphertext, OLD)).rejects.toThrow();
    });

    it('changes nothing when a value does not open with the old secret, and never shows a token', async () => {
      const before = await Promise.all(orgs.map(stored));
      const attempt = rotateStoredCredentials(db, 'not-the-secret-at-all-000', 'another-new-secret-111');
      await expect(attempt).rejects.toThrow(/nothing changed/);
      await attempt.catch((error: Error) => expect(error.message).not.toMatch(/shpat_/));
      expect(await Promise.all(orgs.map(stored))).toEqual(before);
    });
  });
}
