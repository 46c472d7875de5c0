/** The current instant as the ISO text the meeting state uses for times. */
export const isoNow = (): string => new Date().toISOString();
