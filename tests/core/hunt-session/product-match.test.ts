import { describe, expect, it } from 'vitest';
import { numericVersion, productMatches, versionsFor } from '../../../core/hunt-session/product-match';
import type { RuleInput } from '../../../core/hunt/types';

const versionRule = (id: string, product: string): RuleInput => ({
  playbookId: 'p',
  playbookVersion: '1.0.0',
  rule: { id, title: id, severity: 'high', explanation: 'x', references: [], match: { version: { product, fixedIn: '5.8.0.24' } } },
});

describe('product names', () => {
  it('matches a free-text product to the rule product, case-insensitively, either way round', () => {
    expect(productMatches('Harmony', 'Cleo Harmony')).toBe(true);
    expect(productMatches('cleo harmony', 'Cleo Harmony')).toBe(true);
    expect(productMatches('Exchange 2016', 'Microsoft Exchange Server')).toBe(true);
    expect(productMatches('Microsoft Exchange Server 2019 CU11', 'Microsoft Exchange Server')).toBe(true); // the server says more than the rule
    expect(productMatches('Exchange Online', 'Microsoft Exchange Server')).toBe(false); // each has a word the other lacks
    expect(productMatches('Cleo Harmony', 'Cleo VLTrader')).toBe(false);
    expect(productMatches('MOVEit', 'MOVEit Transfer')).toBe(true);
    expect(productMatches('', 'Cleo Harmony')).toBe(false);
    expect(productMatches('2016', 'Microsoft Exchange Server')).toBe(false);
  });

  it('reads the first dotted number of a version text', () => {
    expect(numericVersion('5.8.0.21')).toBe('5.8.0.21');
    expect(numericVersion('CU19 (15.1.2176.2)')).toBe('15.1.2176.2');
    expect(numericVersion('2016 CU19')).toBeUndefined();
    expect(numericVersion('')).toBeUndefined();
  });

  it('gives each version rule product the version of the matching server, and none when servers disagree', () => {
    const rules = [versionRule('a', 'Cleo Harmony'), versionRule('b', 'Cleo VLTrader'), versionRule('c', 'Microsoft Exchange Server')];
    expect(versionsFor([{ id: '1', product: 'Harmony', version: '5.8.0.21' }], rules)).toEqual({ 'Cleo Harmony': '5.8.0.21' });
    expect(
      versionsFor(
        [
          { id: '1', product: 'Exchange', version: '15.1.2176.2' },
          { id: '2', product: 'Exchange 2016', version: '15.1.2375.7' },
        ],
        rules,
      ),
    ).toEqual({});
  });
});
