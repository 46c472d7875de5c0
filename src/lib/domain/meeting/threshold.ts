/**
 * A required share. `inclusive` is "at least" (以上 includes the number, Civil Code art. 1259);
 * otherwise "more than" (过半数 is strict).
 */
export type Threshold =
	| { type: 'count'; count: number }
	| { type: 'fraction'; numerator: number; denominator: number; inclusive: boolean };

/** Whether `value` out of `total` meets the threshold; exact, in integers (weights are in cents). */
export function meets(threshold: Threshold, value: number, total: number): boolean {
	switch (threshold.type) {
		case 'count':
			return value >= threshold.count;
		case 'fraction': {
			const lhs = value * threshold.denominator;
			const rhs = threshold.numerator * total;
			return threshold.inclusive ? lhs >= rhs : lhs > rhs;
		}
	}
}

/** The smallest integer value that meets the threshold (for "present 12 of 18, need 13"). */
export function smallestMeeting(threshold: Threshold, total: number): number {
	switch (threshold.type) {
		case 'count':
			return threshold.count;
		case 'fraction': {
			const exact = (threshold.numerator * total) / threshold.denominator;
			const floor = Math.floor((threshold.numerator * total) / threshold.denominator);
			const isWhole = floor * threshold.denominator === threshold.numerator * total;
			if (threshold.inclusive) return isWhole ? floor : Math.ceil(exact);
			return floor + 1;
		}
	}
}

export const MAJORITY: Threshold = { type: 'fraction', numerator: 1, denominator: 2, inclusive: false };
export const TWO_THIRDS_AT_LEAST: Threshold = {
	type: 'fraction',
	numerator: 2,
	denominator: 3,
	inclusive: true
};
