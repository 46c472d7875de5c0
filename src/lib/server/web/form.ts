import type { z } from 'zod';

/** Form fields as a plain object for zod; repeated fields keep their last value. */
export async function formObject(request: Request): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const [key, value] of await request.formData()) if (typeof value === 'string') out[key] = value;
	return out;
}

export type FieldErrors = Record<string, true>;

/** Which fields failed: pages show a translated message per field rather than zod's English. */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) out[String(issue.path[0] ?? 'form')] = true;
	return out;
}
