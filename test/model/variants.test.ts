import { describe, expect, it } from 'vitest';
import { exchangeSku, variantsInText } from '../../src/adapters/model/local/variants.ts';

const none = new Set<string>();

describe('exchangeSku', () => {
  it.each([
    ['TEE-BLK-M', 'I need a large instead', 'TEE-BLK-L'],
    ['TEE-BLK-M', 'I ordered a medium but need an XL', 'TEE-BLK-XL'],
    ['TEE-BLK-M', 'can I have it in white?', 'TEE-WHT-M'],
    ['tee-black-m', 'swap for navy please', 'tee-navy-m'],
    ['SHOE-RUN-9', 'size 9 is too small, I need size 10', 'SHOE-RUN-10'],
    ['TEE-BLK-M', 'size L in grey please', 'TEE-GRY-L'],
  ])('%s + "%s" → %s', (sku, text, expected) => {
    expect(exchangeSku(sku, text, none)).toMatchObject({ sku: expected });
  });
  it('prefers the spelling of a SKU the store is known to sell', () => {
    expect(exchangeSku('TEE-BLK-M', 'a large please', new Set(['tee-blk-l']))).toEqual({ sku: 'tee-blk-l', change: 'size L' });
  });
  it.each([
    ['MUG-1', 'I want a large', 'sku_has_no_variant'],
    [null, 'a large please', 'sku_has_no_variant'],
    ['TEE-BLK-M', 'it does not fit', 'no_variant_named'],
    ['TEE-BLK-M', 'a large or an XL, whichever you have', 'ambiguous_variant'],
    ['TEE-BLK-M', 'I ordered a medium', 'no_variant_named'],
  ])('%s + "%s" → %s', (sku, text, problem) => {
    expect(exchangeSku(sku, text, none)).toEqual({ problem });
  });
});

describe('variantsInText', () => {
  it('does not read "I\'m" or a lone M in a sentence as a size', () => {
    expect(variantsInText("I'm so sorry, M. Smith here")).toEqual([]);
  });
});

describe('fit words are not sizes', () => {
  it.each(['it is too small', 'the shirt runs large', 'there is a small crack'])('"%s"', (text) => {
    expect(variantsInText(text)).toEqual([]);
  });
});
