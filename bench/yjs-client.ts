import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** One editor of the Yjs bench: a real y-websocket provider on its own document. */
export interface Editor {
	doc: Y.Doc;
	provider: WebsocketProvider;
}

/** Connects a provider to `room`, sending `cookie` ('' for none) on the upgrade. */
export function connectEditor(url: string, room: string, cookie: string): Editor {
	const headers = cookie ? { cookie } : {};
	class CookieWebSocket extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/collab`, room, doc, {
		WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return { doc, provider };
}

export function synced(editor: Editor, timeoutMs: number): Promise<void> {
	if (editor.provider.synced) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('an editor did not sync in time')), timeoutMs);
		editor.provider.once('sync', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}
