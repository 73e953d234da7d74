import fc from 'fast-check';
import {
  formatIpv4Cidr,
  isNetworkAddress,
  isRfc1918,
  parseIpv4Cidr,
  planSubnets,
} from './network';

describe('planSubnets', () => {
  it('lays out the seed VPC: /18 private, /21 public and isolated subnets', () => {
    expect(planSubnets('10.0.0.0/16', 3)).toEqual([
      { tier: 'private', azIndex: 0, cidr: '10.0.0.0/18' },
      { tier: 'private', azIndex: 1, cidr: '10.0.64.0/18' },
      { tier: 'private', azIndex: 2, cidr: '10.0.128.0/18' },
      { tier: 'public', azIndex: 0, cidr: '10.0.192.0/21' },
      { tier: 'public', azIndex: 1, cidr: '10.0.200.0/21' },
      { tier: 'public', azIndex: 2, cidr: '10.0.208.0/21' },
      { tier: 'isolated', azIndex: 0, cidr: '10.0.216.0/21' },
      { tier: 'isolated', azIndex: 1, cidr: '10.0.224.0/21' },
      { tier: 'isolated', azIndex: 2, cidr: '10.0.232.0/21' },
    ]);
  });

  it('keeps public subnets at /27 or larger for the ALB', () => {
    const plan = planSubnets('10.0.0.0/22', 3);
    expect(plan?.filter(s => s.tier === 'public').map(s => s.cidr)).toEqual([
      '10.0.3.0/27',
      '10.0.3.32/27',
      '10.0.3.64/27',
    ]);
    expect(planSubnets('10.0.0.0/23', 3)).toBeUndefined();
    expect(planSubnets('10.0.0.0/23', 2)).toBeUndefined();
  });

  it('rejects blocks that are not network addresses', () => {
    expect(planSubnets('10.0.1.0/16', 3)).toBeUndefined();
    expect(planSubnets('not-a-cidr', 3)).toBeUndefined();
  });

  it('plans disjoint subnets inside the VPC for every supported size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 16, max: 22 }),
        fc.integer({ min: 2, max: 3 }),
        (second, prefix, azCount) => {
          const vpc = { address: ((10 << 24) | (second << 16)) >>> 0, prefix };
          const plan = planSubnets(formatIpv4Cidr(vpc), azCount);
          expect(plan).toHaveLength(azCount * 3);
          const ranges = plan!.map(s => {
            const cidr = parseIpv4Cidr(s.cidr)!;
            return [cidr.address, cidr.address + 2 ** (32 - cidr.prefix)];
          });
          const vpcEnd = vpc.address + 2 ** (32 - prefix);
          ranges.sort((a, b) => a[0] - b[0]);
          expect(ranges[0][0]).toBeGreaterThanOrEqual(vpc.address);
          expect(ranges[ranges.length - 1][1]).toBeLessThanOrEqual(vpcEnd);
          const overlaps = ranges.filter(
            ([start], index) => index > 0 && start < ranges[index - 1][1],
          );
          expect(overlaps).toEqual([]);
        },
      ),
    );
  });
});

describe('CIDR helpers', () => {
  it('parses and formats', () => {
    expect(parseIpv4Cidr('192.168.4.0/22')).toEqual({
      address: 0xc0a80400,
      prefix: 22,
    });
    expect(formatIpv4Cidr({ address: 0xc0a80400, prefix: 22 })).toBe(
      '192.168.4.0/22',
    );
    expect(parseIpv4Cidr('256.0.0.0/16')).toBeUndefined();
    expect(parseIpv4Cidr('10.0.0.0/33')).toBeUndefined();
    expect(parseIpv4Cidr('10.0.0.0/16\n')).toBeUndefined();
  });

  it('knows network addresses and private ranges', () => {
    expect(isNetworkAddress(parseIpv4Cidr('10.0.0.0/16')!)).toBe(true);
    expect(isNetworkAddress(parseIpv4Cidr('10.0.0.1/16')!)).toBe(false);
    expect(isRfc1918(parseIpv4Cidr('172.31.0.0/16')!)).toBe(true);
    expect(isRfc1918(parseIpv4Cidr('172.32.0.0/16')!)).toBe(false);
    expect(isRfc1918(parseIpv4Cidr('192.168.0.0/16')!)).toBe(true);
    expect(isRfc1918(parseIpv4Cidr('11.0.0.0/16')!)).toBe(false);
  });
});
