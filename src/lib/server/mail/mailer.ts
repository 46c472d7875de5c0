import { createTransport } from 'nodemailer';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html: string;
}

export interface Mailer {
	send(message: MailMessage): Promise<void>;
}

/** SMTP when configured; otherwise each message is a line in the server log, as sign-in links are. */
export function createMailer(o: {
	smtpUrl: string | null;
	mailFrom: string;
	log: (line: string) => void;
}): Mailer {
	if (!o.smtpUrl) {
		return { send: async (m) => o.log(`Mail to ${m.to} (no SMTP_URL set): ${m.subject}\n${m.text}`) };
	}
	const transport = createTransport(o.smtpUrl);
	return {
		async send(m) {
			await transport.sendMail({ from: o.mailFrom, ...m });
		}
	};
}
