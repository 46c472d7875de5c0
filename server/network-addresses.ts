import { networkInterfaces } from 'node:os';

/**
 * The addresses other devices on this machine's networks can reach it at, e.g. the phones in the
 * meeting room on the laptop's Wi-Fi: every external IPv4 address, when listening on all of them.
 */
export function networkAddresses(host: string, port: number): string[] {
	if (host !== '0.0.0.0' && host !== '::') return [];
	return Object.values(networkInterfaces())
		.flat()
		.filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
		.map((a) => `http://${a!.address}:${port}`);
}
