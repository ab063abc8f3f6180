/**
 * Why a relay address was refused. Its own module because both the rule (relay-url.ts) and the
 * texts that explain it (locale/strings.ts) need it, and the rule needs the texts.
 */
export type RelayUrlErrorCode = 'invalid_url' | 'unsupported_protocol' | 'insecure_remote' | 'not_an_origin';
