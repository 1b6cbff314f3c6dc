/** Encodings the gateway sends the web UI's text files in, preferred first. */
export const WEB_ENCODINGS = ['br', 'gzip'] as const;

export type WebEncoding = (typeof WEB_ENCODINGS)[number];
