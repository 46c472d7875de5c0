import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAJORITY, meets, smallestMeeting, TWO_THIRDS_AT_LEAST, type Threshold } from './threshold';

describe('thresholds', () => {
	it('[threshold:strict] 过半数 is strictly more than half', () => {
		expect(smallestMeeting(MAJORITY, 10)).toBe(6);
		expect(smallestMeeting(MAJORITY, 9)).toBe(5);
		expect(meets(MAJORITY, 5, 10)).toBe(false);
		expect(meets(MAJORITY, 6, 10)).toBe(true);
	});

	it('[threshold:inclusive] 三分之二以上 includes two thirds exactly', () => {
		expect(smallestMeeting(TWO_THIRDS_AT_LEAST, 30)).toBe(20);
		expect(smallestMeeting(TWO_THIRDS_AT_LEAST, 31)).toBe(21);
		expect(smallestMeeting(TWO_THIRDS_AT_LEAST, 32)).toBe(22);
		expect(smallestMeeting(TWO_THIRDS_AT_LEAST, 33)).toBe(22);
		expect(meets(TWO_THIRDS_AT_LEAST, 20, 30)).toBe(true);
	});

	it('[quorum:civil-code-278] 380 owners and 36,000 m² need 254 owners and 24,000 m² taking part', () => {
		expect(smallestMeeting(TWO_THIRDS_AT_LEAST, 380)).toBe(254);
		expect(smallestMeeting(TWO_THIRDS_AT_LEAST, 36_000_00)).toBe(24_000_00);
	});

	const thresholds: fc.Arbitrary<Threshold> = fc.oneof(
		fc.record({ type: fc.constant('count' as const), count: fc.nat(50) }),
		fc
			.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), fc.boolean())
			.filter(([n, d]) => n <= d)
			.map(([numerator, denominator, inclusive]) => ({
				type: 'fraction' as const,
				numerator,
				denominator,
				inclusive
			}))
	);

	it('[threshold:smallest] smallestMeeting is exactly the first value that meets', () => {
		fc.assert(
			fc.property(thresholds, fc.nat(500), (t, total) => {
				const s = smallestMeeting(t, total);
				expect(meets(t, s, total)).toBe(true);
				if (s > 0) expect(meets(t, s - 1, total)).toBe(false);
			})
		);
	});
});
