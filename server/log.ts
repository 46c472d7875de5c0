export interface Logger {
	info(line: string): void;
	error(line: string, error?: unknown): void;
}

export function createLogger(level: 'silent' | 'info'): Logger {
	if (level === 'silent') return { info: () => {}, error: () => {} };
	const stamp = () => new Date().toISOString();
	return {
		info: (line) => console.log(`${stamp()} ${line}`),
		error: (line, error) =>
			console.error(`${stamp()} ${line}${error instanceof Error ? `: ${error.message}` : ''}`)
	};
}
