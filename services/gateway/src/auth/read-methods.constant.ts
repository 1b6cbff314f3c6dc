/** Methods that change nothing: the viewer role (or none, with anonymous reads) and the read rate limit. */
export const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
