export interface DocumentTitle {
	id: string;
	title: string;
}

/** The council's documents (id and title), for linking agenda items; empty if they cannot be read. */
export async function councilDocuments(councilId: string): Promise<DocumentTitle[]> {
	try {
		const response = await fetch(`/councils/${councilId}/documents/titles.json`);
		return response.ok ? ((await response.json()) as DocumentTitle[]) : [];
	} catch {
		return [];
	}
}
