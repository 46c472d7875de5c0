import { m } from '$lib/paraglide/messages.js';

/** The reader's words for a document refusal code; unknown codes fall back to the general message. */
export function documentErrorText(code: string): string {
	switch (code) {
		case 'forbidden':
			return m.documents_error_forbidden();
		case 'document-locked':
			return m.documents_error_locked();
		case 'passage-not-found':
			return m.documents_error_passage_not_found();
		case 'passage-ambiguous':
			return m.documents_error_passage_ambiguous();
		case 'passage-spans-paragraphs':
			return m.documents_error_passage_spans();
		case 'amendment-decided':
			return m.documents_error_decided();
		default:
			return m.error_invalid_input();
	}
}
