/** Request header naming the caller until authentication exists (a later issue); trusted as given. */
export const ACTOR_HEADER = 'x-anvil-actor';

export const ANONYMOUS_ACTOR = 'anonymous';
