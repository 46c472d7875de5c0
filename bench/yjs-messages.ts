/** Messages between the Yjs bench (bench/yjs.ts, the clients) and its server process (yjs-server.ts). */

export type YjsToServer = { type: 'stored'; room: string } | { type: 'close' };

export type YjsFromServer =
	| {
			type: 'ready';
			url: string;
			room: string;
			/** One Cookie header per editor ('' for the reference, which authenticates no one). */
			cookies: string[];
			/** A room holding a stored document of about 1 MB, loaded on first connection. */
			largeRoom: string | null;
			largeBytes: number;
	  }
	/** The document as stored in the database (null: the server stores nothing). */
	| { type: 'stored'; state: Uint8Array | null };

/** Messages between the Yjs bench and one of its editor processes (yjs-editors.ts). */
export type YjsToEditors =
	| { type: 'connect'; url: string; room: string; cookies: string[]; first: number }
	/** Type from now until `end`; edits before `measureFrom` warm up. Times are epoch ms. */
	| { type: 'type'; rate: number; editorsInAll: number; measureFrom: number; end: number }
	| { type: 'report' }
	| { type: 'exit' };

export type YjsFromEditors =
	| { type: 'connected' }
	| {
			type: 'typed';
			/** [clientID, clock, epoch ms] of every measured edit this process sent. */
			sent: [number, number, number][];
			/** [sender clientID, first clock, end clock, epoch ms]: edits arriving at an editor here. */
			arrived: [number, number, number, number][];
			updates: number;
			/** Per editor: [clientID, next clock] after typing. */
			clocks: [number, number][];
	  }
	| {
			type: 'report';
			/** Per editor: its state vector (clientID → next clock) and its text. */
			editors: { state: [number, number][]; text: string }[];
	  }
	| { type: 'failed'; message: string };
