import QRCode from 'qrcode';

/** An SVG QR code: crisp when printed large for elders, and needs no image request. */
export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
