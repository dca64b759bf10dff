// End to end in headless Chromium (Debian's package, driven by playwright-core): sign in, approve
// one action and reject another with a reason, see a settings field error, open the audit log,
// on desktop and phone widths. Screenshots go to test-results/ for review. Skipped without Chromium.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api } from '../helpers/service.ts';
import { listen, orgWithWaiting, startWeb, type WebHarness } from './harness.ts';
import type { TestOrg } from '../helpers/service.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = 'test-results/web';

// A real browser on a busy 2-core CI machine: the first page also compiles the guardrails and opens the
// database, so each step gets more time than the unit tests' 30 s.
describe.skipIf(!existsSync(CHROMIUM))('dashboard in Chromium', { timeout: 120_000 }, () => {
  let h: WebHarness;
  let url: string;
  let close: () => Promise<void>;
  let browser: Browser;
  let org: TestOrg;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    h = await startWeb();
    const server = await listen(h.app);
    url = server.url;
    close = () => new Promise((r) => server.server.close(() => r()));
    org = await orgWithWaiting(h.svc, [['b-1', 'jane@example.com', '3000', 120], ['b-2', 'omar@example.com', '3002', 80], ['b-3', 'jane@example.com', '3001', 60]]);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await h?.close();
  });

  async function signIn(page: Page) {
    await page.goto(`${url}/approvals`);
    await expect(page.getByRole('heading', { name: 'Sign in' }).count()).resolves.toBe(1);
    await page.getByLabel('E-mail').fill(org.email);
    await page.getByLabel('Password').fill(org.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/approvals`);
  }

  it('signs in, approves one action and rejects another with a reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    expect(await page.locator('#awaiting-badge').textContent()).toBe('3');
    await page.screenshot({ path: `${SHOTS}/approvals.png`, fullPage: true });

    const jane = page.locator('li.approval', { hasText: 'order #3000' });
    await jane.getByRole('button', { name: /Approve \$120\.00/ }).click();
    await expect(page.locator('#approvals-status').filter({ hasText: 'Approved the refund of $120.00' }).waitFor()).resolves.toBeUndefined();
    expect(await page.locator('#awaiting-badge').textContent()).toBe('2');

    const omar = page.locator('li.approval', { hasText: 'order #3002' });
    await omar.getByLabel('Reason for rejecting').fill('Customer already got a replacement');
    await omar.getByRole('button', { name: 'Reject' }).click();
    await page.locator('#approvals-status').filter({ hasText: 'Rejected the refund of $80.00' }).waitFor();
    expect(await page.locator('#awaiting-badge').textContent()).toBe('1');
    await page.screenshot({ path: `${SHOTS}/approvals-decided.png`, fullPage: true });

    const t1 = await api(h.svc, 'GET', '/v1/tickets/b-1', { as: org.key });
    expect(t1.body.actions[0]).toMatchObject({ status: 'executed', approvedBy: `user:${org.email}` });
    const t2 = await api(h.svc, 'GET', '/v1/tickets/b-2', { as: org.key });
    expect(t2.body.actions[0]).toMatchObject({ status: 'rejected', note: 'Customer already got a replacement' });

    // the ticket page: trace, reply, audit entries
    await page.goto(`${url}/tickets/b-1`);
    await page.getByRole('heading', { name: 'Gate trace' }).waitFor();
    // once approved, the ticket's current decision is the approved run: the gate that asked for the
    // approval says who gave it and why it was needed
    const approvedStep = page.locator('.timeline li', { hasText: 'Monetary threshold' });
    expect(await approvedStep.locator('.approved').textContent()).toContain(`Approved by user:${org.email}`);
    expect(await approvedStep.locator('.approved').textContent()).toContain('auto-approve ceiling');
    await page.screenshot({ path: `${SHOTS}/ticket.png`, fullPage: true });
    await page.close();
  });

  it('an action that changed after it was shown is not approved: the item refreshes and says so', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    const item = page.locator('li.approval', { hasText: 'order #3001' });
    await item.getByRole('button', { name: /Approve \$60\.00/ }).waitFor();
    // meanwhile the action's amount changes (as a re-decided ticket would change it)
    await h.svc.db.executeSql(`UPDATE actions SET amount = 70 WHERE org_id = $1 AND ticket_id = 'b-3'`, [org.orgId]);
    await item.getByRole('button', { name: /Approve \$60\.00/ }).click();
    const fresh = page.locator('li.approval', { hasText: 'order #3001' });
    await fresh.locator('.flash.error', { hasText: 'This action changed since you saw it' }).waitFor();
    await fresh.getByRole('button', { name: /Approve \$70\.00/ }).waitFor();
    await page.screenshot({ path: `${SHOTS}/approvals-changed.png`, fullPage: true });
    const t3 = await api(h.svc, 'GET', '/v1/tickets/b-3', { as: org.key });
    expect(t3.body.actions[0].status).toBe('awaiting_approval');
    await page.close();
  });

  it('shows a settings error next to the field, and opens the audit log', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    await page.goto(`${url}/settings`);
    const field = page.locator('#s-actions-refund-blockAbove');
    await field.fill('10');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#s-actions-refund-blockAbove-error').waitFor();
    expect(await page.locator('#s-actions-refund-blockAbove-error').textContent()).toContain('must be at least autoApproveMax');
    expect(await page.locator('#s-actions-refund-blockAbove').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#s-actions-refund-blockAbove').inputValue()).toBe('10');
    // every visible control has a label a screen reader announces
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label')).map((el) => el.getAttribute('name')),
    );
    expect(unlabelled).toEqual([]);
    await page.locator('#s-actions-refund-blockAbove').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/settings-error.png` });

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(`${url}/audit`);
    expect(await page.locator('table.audit tbody tr').count()).toBeGreaterThan(3);
    await page.getByLabel('Action type').selectOption('refund');
    await page.getByLabel('Status').selectOption('rejected');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=rejected/);
    expect(await page.locator('table.audit tbody tr').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/audit.png`, fullPage: true });
    const href = await page.getByRole('link', { name: 'Export JSON Lines' }).getAttribute('href');
    const exported = await page.evaluate(async (h) => (await fetch(h!)).text(), href);
    const lines = exported.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ type: 'refund', status: 'rejected' });
    await page.close();
  });

  it('works at phone width: overview charts, keyboard focus on a bar, the queue', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signIn(page);
    await page.goto(`${url}/`);
    const bars = page.locator('#chart-outcomes g.bar');
    expect(await bars.count()).toBe(14);
    await bars.last().focus();
    expect(await bars.last().getAttribute('aria-label')).toMatch(/Executed|Awaiting|Blocked|Needs review|none/);
    // nothing wider than the screen
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/overview-phone.png`, fullPage: true });
    await page.goto(`${url}/approvals`);
    await page.locator('li.approval').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/approvals-phone.png`, fullPage: true });
    await page.goto(`${url}/shadow`);
    await page.screenshot({ path: `${SHOTS}/shadow-phone.png` });
    await page.close();
  });
});
