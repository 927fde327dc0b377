/**
 * `ntlm`: the three-message handshake driven by `afterResponse`, as postman-runtime does it. The
 * first request goes out without credentials; a 401/403 offering NTLM gets a NEGOTIATE replay, the
 * server's CHALLENGE an AUTHENTICATE replay. Params: username (may be `DOMAIN\user` or
 * `user@domain`), password, domain, workstation, disableRetryRequest. The handshake state lives in
 * the params map (`state`, `ntlmHeader`), like postman-runtime's system params.
 *
 * NTLM authenticates a connection: the HTTP layer must send the replays on the same keep-alive socket.
 */
import type { ReceivedResponse } from '../events.ts';
import { contextOf, rememberContext } from './context.ts';
import { authenticateMessage, negotiateMessage, parseChallengeMessage } from './ntlm-messages.ts';
import { flag, optionalText, setSystemParam } from './params.ts';
import { addHeader, removeHeader } from './request-parts.ts';
import type { AuthContext, AuthParams, AuthSigner } from './types.ts';

const INITIALIZED = 'INITIALIZED';
const NEGOTIATE_SENT = 'T1_MSG_CREATED';
const AUTHENTICATE_SENT = 'T3_MSG_CREATED';

/**
 * Splits `DOMAIN\user` or `user@domain` (but not a mix of both) into user and domain.
 *
 * @example
 * splitDomainFromUsername('CORP\\alice'); // { username: 'alice', domain: 'CORP' }
 */
export function splitDomainFromUsername(username: string): { username: string; domain: string } {
  if (!username) return { username: '', domain: '' };
  const downLevel = username.split('\\');
  const principal = username.split('@');
  if (downLevel.length > 1 && principal.length > 1) return { username, domain: '' };
  if (downLevel.length === 2 && downLevel[0] && downLevel[1])
    return { username: downLevel[1], domain: downLevel[0] };
  if (principal.length === 2 && principal[0] && principal[1])
    return { username: principal[0], domain: principal[1] };
  return { username, domain: '' };
}

function wwwAuthenticate(response: ReceivedResponse): string[] {
  return response.headers
    .filter((h) => h.key.toLowerCase() === 'www-authenticate')
    .map((h) => String(h.value));
}

/** `WWW-Authenticate: NTLM`, `…: negotiate`, or a last such header mentioning NTLM (`Negotiate, NTLM`). */
function offersNtlm(values: string[]): boolean {
  if (values.some((value) => value === 'NTLM' || value === 'negotiate')) return true;
  return String(values[values.length - 1]).includes('NTLM');
}

function reset(params: AuthParams): false {
  setSystemParam(params, 'state', INITIALIZED);
  setSystemParam(params, 'ntlmHeader', undefined);
  return false;
}

function afterResponse(params: AuthParams, response: ReceivedResponse, ctx: AuthContext): boolean {
  if (flag(params, 'disableRetryRequest')) return false;
  if (response.code !== 401 && response.code !== 403) return reset(params);
  let domain = optionalText(params, 'domain') ?? '';
  const workstation = optionalText(params, 'workstation') ?? '';
  let username = optionalText(params, 'username') ?? '';
  const password = optionalText(params, 'password') ?? '';
  if (!domain) ({ username, domain } = splitDomainFromUsername(username));

  const headers = wwwAuthenticate(response);
  switch (params.state) {
    case INITIALIZED: {
      if (!offersNtlm(headers)) return reset(params);
      setSystemParam(params, 'ntlmHeader', negotiateMessage(domain, workstation));
      setSystemParam(params, 'state', NEGOTIATE_SENT);
      return true;
    }
    case NEGOTIATE_SENT: {
      const challengeHeader = headers.find((value) => value.startsWith('NTLM '));
      const challenge = challengeHeader === undefined ? undefined : parseChallengeMessage(challengeHeader);
      // postman-runtime reports these as warnings and stops; the response stands as it is.
      if (!challenge) return reset(params);
      const header = authenticateMessage(
        challenge,
        { domain, workstation, username, password },
        ctx.randomBytes(8),
        ctx.now(),
      );
      setSystemParam(params, 'ntlmHeader', header);
      setSystemParam(params, 'state', AUTHENTICATE_SENT);
      return true;
    }
    default:
      return reset(params);
  }
}

/**
 * @example
 * ntlmSigner.sign(params, request, ctx);                 // first send: no Authorization
 * ntlmSigner.afterResponse?.(params, request, res401);   // true: replay with NEGOTIATE
 * ntlmSigner.sign(params, request, ctx);                 // Authorization: NTLM TlRMTVNTUAAB…
 */
export const ntlmSigner: AuthSigner = {
  type: 'ntlm',
  sign(params, request, ctx) {
    rememberContext(params, ctx);
    if (!params.state) {
      setSystemParam(params, 'state', INITIALIZED);
      setSystemParam(params, 'ntlmHeader', undefined);
    }
    removeHeader(request, 'Authorization');
    const header = optionalText(params, 'ntlmHeader');
    if (header) addHeader(request, 'Authorization', header);
  },
  afterResponse(params, _request, response, ctx) {
    return afterResponse(params, response, ctx ?? contextOf(params));
  },
};
