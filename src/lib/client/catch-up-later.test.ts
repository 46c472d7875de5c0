import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { catchUpLater } from './catch-up-later';

describe('catchUpLater', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('catches up once after the random part of the spread, however often asked meanwhile', () => {
		const catchUp = vi.fn();
		const later = catchUpLater(catchUp, 2_000, () => 0.25);
		later.ask();
		later.ask();
		vi.advanceTimersByTime(499);
		later.ask();
		expect(catchUp).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(catchUp).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(10_000);
		expect(catchUp).toHaveBeenCalledTimes(1);
	});

	it('asks again after catching up, and not at all once cancelled', () => {
		const catchUp = vi.fn();
		const later = catchUpLater(catchUp, 2_000, () => 0.999);
		later.ask();
		vi.advanceTimersByTime(2_000);
		later.ask();
		vi.advanceTimersByTime(2_000);
		expect(catchUp).toHaveBeenCalledTimes(2);
		later.ask();
		later.cancel();
		vi.advanceTimersByTime(10_000);
		expect(catchUp).toHaveBeenCalledTimes(2);
	});

	it('never waits longer than the spread', () => {
		const catchUp = vi.fn();
		for (const r of [0, 0.5, 0.999999]) catchUpLater(catchUp, 2_000, () => r).ask();
		vi.advanceTimersByTime(2_000);
		expect(catchUp).toHaveBeenCalledTimes(3);
	});
});
