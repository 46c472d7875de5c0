import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { networkAddresses } from '../../server/network-addresses';

describe('where the app is reached', () => {
	it('[config:origin] follows the browser’s address unless ORIGIN is set or mail goes out', () => {
		expect(readConfig({ PORT: '3000' })).toMatchObject({
			followsHost: true,
			origin: 'http://localhost:3000'
		});
		expect(readConfig({ ORIGIN: 'https://yishi.example.org' })).toMatchObject({
			followsHost: false,
			origin: 'https://yishi.example.org'
		});
		// Sign-in mails must not carry a link built from a Host header someone else chose.
		expect(readConfig({ SMTP_URL: 'smtp://mail.example.org' })).toMatchObject({ followsHost: false });
	});

	it('[config:origin] lists this machine’s network addresses only when listening on all of them', () => {
		expect(networkAddresses('127.0.0.1', 3000)).toEqual([]);
		const nearby = networkAddresses('0.0.0.0', 3000);
		for (const address of nearby) {
			expect(address).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:3000$/);
			expect(address).not.toContain('127.0.0.1');
		}
		expect(networkAddresses('::', 3000)).toEqual(nearby);
	});
});
