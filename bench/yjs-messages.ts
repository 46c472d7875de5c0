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
