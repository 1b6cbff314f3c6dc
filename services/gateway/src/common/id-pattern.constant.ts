/** Site and queue ids: subject tokens (they appear in bus subjects), at most 128 characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export const ID_PROBLEM = 'must be an id of 1-128 letters, digits, "_" or "-"';
