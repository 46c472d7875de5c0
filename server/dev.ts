import { createServer } from 'node:http';
import { createServer as createVite } from 'vite';
import { readConfig } from './config';
import { startYishi } from './app';

/** `npm run dev`: Vite with HMR mounted inside the same one-port server as socket.io and Yjs. */
const config = readConfig();
const http = createServer();
const vite = await createVite({
	server: { middlewareMode: true, hmr: { server: http } },
	appType: 'custom'
});
await startYishi({ config, http, handler: vite.middlewares, leaveUnknownUpgrades: true });
