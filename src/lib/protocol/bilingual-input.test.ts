import { describe, expect, it } from 'vitest';
import { CouncilInput } from './council.schema';
import { ScheduleInput } from './schedule.schema';

const meeting = {
	titleZh: '老年协会月度例会',
	date: '2026-12-15',
	time: '09:30',
	location: '',
	onlineUrl: '',
	frequency: 'once'
};

describe('bilingual names', () => {
	it('[schedule:english-optional] a meeting scheduled with only a Chinese title keeps it as its English title', () => {
		for (const titleEn of [undefined, '', '   ']) {
			const parsed = ScheduleInput.safeParse({ ...meeting, titleEn });
			expect(parsed.success && parsed.data.titleEn).toBe('老年协会月度例会');
		}
		const both = ScheduleInput.safeParse({ ...meeting, titleEn: 'Monthly meeting' });
		expect(both.success && [both.data.titleZh, both.data.titleEn]).toEqual([
			'老年协会月度例会',
			'Monthly meeting'
		]);
		const none = ScheduleInput.safeParse({ ...meeting, titleZh: ' ', titleEn: 'Monthly meeting' });
		expect(none.success ? [] : none.error.issues.map((i) => i.path.join('.'))).toEqual(['titleZh']);
	});

	it('[council:english-optional] a council founded with only a Chinese name keeps it as its English name', () => {
		const parsed = CouncilInput.safeParse({
			nameZh: '景湖社区老年协会',
			nameEn: '',
			kind: 'residents-council'
		});
		expect(parsed.success && parsed.data.nameEn).toBe('景湖社区老年协会');
		const none = CouncilInput.safeParse({ nameZh: '', nameEn: 'Jinghu', kind: 'residents-council' });
		expect(none.success).toBe(false);
	});
});
