const escape = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One bilingual message, like the sign-in mail: a member's language is kept only in their browser. */
export function taskReminderMail(o: {
	title: string;
	dueOn: string;
	councilNameZh: string;
	councilNameEn: string;
	url: string;
}): { subject: string; text: string; html: string } {
	return {
		subject: `待办提醒 · Task due ${o.dueOn}: ${o.title}`,
		text:
			`${o.councilNameZh}的跟进事项「${o.title}」将于 ${o.dueOn} 到期。请在此更新进展：\n${o.url}\n\n` +
			`The follow-up task "${o.title}" of ${o.councilNameEn} is due on ${o.dueOn}. Report progress here:\n${o.url}\n`,
		html: `<p style="font-size:18px">${escape(o.councilNameZh)}的跟进事项「${escape(o.title)}」将于 ${o.dueOn} 到期。<br>
The follow-up task “${escape(o.title)}” of ${escape(o.councilNameEn)} is due on ${o.dueOn}.</p>
<p><a href="${escape(o.url)}" style="font-size:20px;padding:12px 20px;background:#9f1d20;color:#fff;text-decoration:none;border-radius:6px">我的待办 · My tasks</a></p>`
	};
}
