import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { Logger } from '../log';

/**
 * Close codes for input a y-websocket client never sends. A real provider reconnects after any
 * close; a broken or hostile one is thereby slowed by its own back-off, and the document and every
 * other room are untouched.
 */
export const CollabInputClose = {
	/** A text frame: the protocol is binary only. */
	textFrame: 1003,
	/** A frame above the websocket limit (closed by `ws`), or an update above MAX_UPDATE_BYTES. */
	tooLarge: 1009,
	/** Not a y-websocket message, trailing bytes, or an update that does not apply to the document. */
	invalidMessage: 4400,
	/** The update would take the stored document past its size limit. */
	documentFull: 4413
} as const;

/** Largest single document update (a sync step 2 or update message) accepted. */
export const MAX_UPDATE_BYTES = 2 * 1024 * 1024;
/** Largest presence message: a name, a colour and a selection are well under a kilobyte. */
export const MAX_AWARENESS_BYTES = 64 * 1024;

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export type Admission = 'ok' | 'invalid' | 'full';

/** What the guard asks of the document's keeper. */
export interface DocumentGate {
	/**
	 * Whether an update from `connection` may reach the document; 'ok' only if it applied cleanly
	 * to a copy (which then already holds it).
	 */
	admit(docName: string, update: Uint8Array, connection: object): Admission;
	/** Pending appends of the document, if any: a sync answer waits for them. */
	whenDurable(docName: string): Promise<void> | null;
}

type Verdict =
	| { pass: true; after?: Promise<void> }
	| { pass: false; close?: [code: number, reason: string]; note: string };

const refuse = (code: number, reason: string, note: string): Verdict => ({
	pass: false,
	close: [code, reason],
	note
});

function bytesOf(data: unknown): Uint8Array {
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
	const b = data as Uint8Array;
	return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function atEnd(decoder: decoding.Decoder) {
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
}

/** Reads a whole presence message as y-protocols would, so a malformed one throws here. */
function checkAwareness(update: Uint8Array) {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	for (let i = 0; i < count; i++) {
		decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
		JSON.parse(decoding.readVarString(decoder));
	}
	atEnd(decoder);
}

function judge(bytes: Uint8Array, docName: string, gate: DocumentGate, connection: object): Verdict {
	const decoder = decoding.createDecoder(bytes);
	const type = decoding.readVarUint(decoder);
	if (type === MESSAGE_SYNC) {
		const step = decoding.readVarUint(decoder);
		if (step === SYNC_STEP_1) {
			Y.decodeStateVector(decoding.readVarUint8Array(decoder));
			atEnd(decoder);
			// The answer (sync step 2) is the client's sign that the server has its edits: send it
			// only once every update received so far is in the database.
			const durable = gate.whenDurable(docName);
			return durable ? { pass: true, after: durable } : { pass: true };
		}
		if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
			const update = decoding.readVarUint8Array(decoder);
			atEnd(decoder);
			if (update.byteLength > MAX_UPDATE_BYTES) {
				return refuse(CollabInputClose.tooLarge, 'update-too-large', `update of ${update.byteLength} bytes`);
			}
			const admission = gate.admit(docName, update, connection);
			if (admission === 'full') {
				return refuse(CollabInputClose.documentFull, 'document-too-large', 'document size limit reached');
			}
			if (admission === 'invalid') {
				return refuse(CollabInputClose.invalidMessage, 'invalid-update', 'update does not apply');
			}
			return { pass: true };
		}
		return refuse(CollabInputClose.invalidMessage, 'invalid-message', `unknown sync step ${step}`);
	}
	if (type === MESSAGE_AWARENESS) {
		const update = decoding.readVarUint8Array(decoder);
		atEnd(decoder);
		if (update.byteLength > MAX_AWARENESS_BYTES) {
			return refuse(
				CollabInputClose.tooLarge,
				'presence-too-large',
				`presence of ${update.byteLength} bytes`
			);
		}
		checkAwareness(update);
		return { pass: true };
	}
	// Other message kinds (auth, awareness queries) are not used by this server: drop them.
	return { pass: false, note: `ignored message type ${type}` };
}

/**
 * Checks every frame of a document connection before y-websocket sees it: only well-formed
 * messages pass, and an update only if it applies to a copy of the document. Install it after any
 * read-only filter and before setupWSConnection, so it sees what the document would receive.
 */
export function guardInbound(ws: WebSocket, docName: string, gate: DocumentGate, log: Logger): void {
	const refuseConnection = (code: number, reason: string, note: string) => {
		log.info(`collab ${docName}: closed a connection (${code} ${reason}): ${note}`);
		ws.close(code, reason);
	};
	// Text frames are told apart only at the emitter: listeners further in lose `isBinary`.
	const emit = ws.emit.bind(ws);
	ws.emit = ((event: string, ...args: unknown[]) => {
		if (event === 'message' && args[1] === false) {
			refuseConnection(CollabInputClose.textFrame, 'text-frame', 'text frame');
			return false;
		}
		return emit(event, ...args);
	}) as WebSocket['emit'];

	const on = ws.on.bind(ws);
	ws.on = ((event: string, listener: (...args: unknown[]) => void) => {
		if (event !== 'message') return on(event as 'close', listener as () => void);
		/** Frames that arrived while an earlier one waits for its document to be durable. */
		const held: unknown[] = [];
		let waiting = false;
		const take = (data: unknown) => {
			if (ws.readyState !== ws.OPEN) return;
			let verdict: Verdict;
			try {
				verdict = judge(bytesOf(data), docName, gate, ws);
			} catch (error) {
				verdict = refuse(
					CollabInputClose.invalidMessage,
					'invalid-message',
					error instanceof Error ? error.message : 'malformed'
				);
			}
			if (!verdict.pass) {
				if (verdict.close) refuseConnection(...verdict.close, verdict.note);
				else log.info(`collab ${docName}: ${verdict.note}`);
				return;
			}
			if (!verdict.after) return listener(data);
			waiting = true;
			void verdict.after
				.catch(() => {})
				.then(() => {
					waiting = false;
					if (ws.readyState === ws.OPEN) listener(data);
					while (!waiting && held.length) take(held.shift());
				});
		};
		return on('message', (data: unknown) => (waiting ? held.push(data) : take(data)));
	}) as WebSocket['on'];
}
