import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export interface PadClient {
	doc: Y.Doc;
	text: Y.Text;
	provider: WebsocketProvider;
	/** Resolves once the first sync with the server is complete. */
	synced: Promise<void>;
	/** Resolves with the close code and reason of the first connection the server closes. */
	closed: Promise<{ code: number; reason: string }>;
	destroy(): void;
}

/**
 * A real y-websocket client on the council pad, sending the session cookie as a browser would.
 * BroadcastChannel is off: two clients in one process would otherwise sync past the server.
 */
export function openPad(o: { url: string; room: string; cookie?: string }): PadClient {
	const headers = o.cookie ? { cookie: o.cookie } : {};
	class CookieWebSocket extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${o.url.replace(/^http/, 'ws')}/collab`, o.room, doc, {
		WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const synced = new Promise<void>((resolve) => {
		const onSync = (isSynced: boolean) => {
			if (!isSynced) return;
			provider.off('sync', onSync);
			resolve();
		};
		provider.on('sync', onSync);
	});
	const closed = new Promise<{ code: number; reason: string }>((resolve) => {
		provider.once('connection-close', (event) =>
			resolve({ code: event?.code ?? 0, reason: String(event?.reason ?? '') })
		);
	});
	return {
		doc,
		text: doc.getText('pad'),
		provider,
		synced,
		closed,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Waits until `check` holds, re-testing after every change to the document. */
export function whenDoc(doc: Y.Doc, check: () => boolean, timeoutMs = 5_000): Promise<void> {
	if (check()) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			doc.off('update', onUpdate);
			reject(new Error(`document condition not met within ${timeoutMs} ms`));
		}, timeoutMs);
		const onUpdate = () => {
			if (!check()) return;
			clearTimeout(timer);
			doc.off('update', onUpdate);
			resolve();
		};
		doc.on('update', onUpdate);
	});
}
