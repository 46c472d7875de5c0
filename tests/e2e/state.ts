import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What global-setup.ts hands to the tests: the running app's address and fresh invite links.
 * Tests run in worker processes and only talk HTTP to the app, so this file is their whole view
 * of the setup. Nothing here imports server code.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const E2E_STATE_FILE = join(root, 'test-results', 'e2e-state.json');
/** One empty marker file per invite handed out, so no two tests (or workers) use the same one. */
export const E2E_CLAIMS_DIR = join(root, 'test-results', 'e2e-claims');
export const INVITES_PER_PERSON = 16;
/** Fresh, never-opened meetings scheduled per council at setup, for tests that open and adjourn one. */
export const FRESH_MEETINGS_PER_COUNCIL = 14;

/** The demo people the tests sign in as, by the part they play (see demo-seed.ts for the councils). */
export const E2E_PEOPLE = {
	/** 陈静, moderator of 百事可乐议事会 (Pepsi Council). */
	moderator: { council: 'pepsi-council', name: '陈静' },
	/** 刘建国, a plain voting member of 百事可乐议事会. */
	member: { council: 'pepsi-council', name: '刘建国' },
	/** 张秀英, another plain member of 百事可乐议事会. */
	secondMember: { council: 'pepsi-council', name: '张秀英' },
	/** 周婷, clerk of 百事可乐议事会. */
	clerk: { council: 'pepsi-council', name: '周婷' },
	/** 赵小雨, observer in 百事可乐议事会. */
	observer: { council: 'pepsi-council', name: '赵小雨' },
	/** 王德福, moderator of 景湖社区老年协会 and no member of 百事可乐议事会. */
	outsider: { council: 'jinghu-elders', name: '王德福' },
	/** 王德福 again (the same person as `outsider`), as moderator of 景湖社区老年协会 (Jinghu Elder Association). */
	jinghuModerator: { council: 'jinghu-elders', name: '王德福' },
	/** 陈阿根, a member of 景湖社区老年协会 who attends meetings online. */
	jinghuRemote: { council: 'jinghu-elders', name: '陈阿根' },
	/** 林海生, a member of 景湖社区老年协会 who comes to the room and is checked in by the moderator. */
	jinghuInPerson: { council: 'jinghu-elders', name: '林海生' },
	/** 方小敏, clerk of 景湖社区老年协会; she puts the meeting on the projector. */
	jinghuClerk: { council: 'jinghu-elders', name: '方小敏' }
} as const;

/** The demo meetings the tests use, by the council they belong to (see demo-seed.ts). */
export const E2E_MEETINGS = {
	/** 老年协会月度例会, the Jinghu association's monthly meeting on the 15th, with its five-item agenda. */
	jinghu: 'jinghu-elders',
	/** 共享花园方案议事会, the Pepsi residents' council's meeting, where its members vote. */
	pepsi: 'pepsi-council'
} as const;

export type E2EMeeting = keyof typeof E2E_MEETINGS;

export type E2EPerson = keyof typeof E2E_PEOPLE;

export interface E2ECouncil {
	id: string;
	slug: string;
	nameZh: string;
	nameEn: string;
}

export interface E2EPersonState {
	name: string;
	userId: string;
	memberId: string;
	role: string;
	councilId: string;
	councilSlug: string;
	/** Single-use invite URLs (absolute, on baseURL); claim them through the `inviteFor` fixture. */
	invites: string[];
}

export interface E2EState {
	baseURL: string;
	databaseKind: 'pglite' | 'server';
	councils: Record<string, E2ECouncil>;
	people: Record<E2EPerson, E2EPersonState>;
	/** The seeded demo meeting of each council: shared by all tests, so never open or change it. */
	meetings: Record<E2EMeeting, string>;
	/**
	 * Meetings scheduled at setup with the same agenda as the demo meeting (monthly, after it) and
	 * never opened; a meeting opens and adjourns only once, so claim one through `freshMeeting`.
	 */
	freshMeetings: Record<E2EMeeting, string[]>;
}

export function readE2EState(): E2EState {
	try {
		return JSON.parse(readFileSync(E2E_STATE_FILE, 'utf8')) as E2EState;
	} catch (cause) {
		throw new Error(
			`No e2e state at ${E2E_STATE_FILE}: run the tests through Playwright (globalSetup writes it).`,
			{
				cause
			}
		);
	}
}
