import { describe, expect, it } from 'vitest';
import { featurize, normalise, stripQuoted } from '../../src/adapters/model/local/features.ts';

describe('normalise', () => {
  it('replaces values with placeholder words', () => {
    expect(normalise('Refund $34.00 for #1042, see https://x.io or mail me@x.com, call 555-1234'))
      .toBe('refund zmoney for zordnum | see zurl or mail zemail | call znum');
  });
  it('strips accents and apostrophes and collapses repeated letters', () => {
    expect(normalise("Plééééase don't")).toBe('pleease dont');
  });
  it('reads only the start of a huge text', () => {
    expect(normalise('a '.repeat(5_000_000)).length).toBeLessThan(5_000);
  });
});

describe('featurize', () => {
  it('marks words after a negation, within their clause', () => {
    const f = featurize("I don't want a refund, I want a large");
    expect(f).toContain('n:refund');
    expect(f).not.toContain('w:refund');
    expect(f).toContain('w:large');
  });
  it('marks the words of a condition, up to the end of its clause', () => {
    const f = featurize("if it is lost, refund me");
    expect(f).toContain('if:lost');
    expect(f).toContain('w:refund');
  });
  it('keeps character 4-grams of plain words, so typos still share features', () => {
    const a = featurize('refnd'), b = featurize('refund');
    expect(a.filter((x) => x.startsWith('c:') && b.includes(x))).toContain('c:^ref');
  });
  it('is deterministic', () => {
    expect(featurize('Where is my order #1042?')).toEqual(featurize('Where is my order #1042?'));
  });
});

describe('stripQuoted', () => {
  it('drops the quoted thread below "On … wrote:" and lines starting with >', () => {
    const body = 'Still not here, where is it?\n\nOn Mon, 3 Mar 2026 at 10:00, Customer Support <help@shop.example> wrote:\n> I have requested a refund of 34.00 USD\n> Best regards';
    expect(stripQuoted(body).trim()).toBe('Still not here, where is it?');
    expect(stripQuoted('> quoted\nmine')).toBe('mine');
  });
  it('keeps a message that is nothing but a quote', () => {
    expect(stripQuoted('> please cancel order 1042')).toBe('> please cancel order 1042');
  });
});
