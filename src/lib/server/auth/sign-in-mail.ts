/** One bilingual message: the recipient's language is not known before they sign in. */
export function signInMail(url: string): { subject: string; text: string; html: string } {
	const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
	return {
		subject: '登录议事 · Sign in to Yishi',
		text: `点击以下链接登录议事（24小时内有效）：\n${url}\n\nOpen this link to sign in to Yishi (valid for 24 hours):\n${url}\n`,
		html: `<p style="font-size:18px">点击登录议事（24小时内有效）<br>Sign in to Yishi (valid for 24 hours)</p>
<p><a href="${escaped}" style="font-size:20px;padding:12px 20px;background:#9f1d20;color:#fff;text-decoration:none;border-radius:6px">登录 · Sign in</a></p>`
	};
}
