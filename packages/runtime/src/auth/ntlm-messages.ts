/**
 * NTLM messages (MS-NLMP) byte for byte as postman-runtime builds them (it uses `httpntlm`):
 * NEGOTIATE (type 1), CHALLENGE (type 2) parsing, AUTHENTICATE (type 3) with the NTLMv2 response
 * when the server offers extended security and target info, NTLMv1 with session security or plain
 * NTLMv1/LM otherwise.
 */
import { createHash, createHmac } from 'node:crypto';
import { desEncryptBlock, expandDesKey } from './des.ts';
import { md4 } from './md4.ts';

const FLAG_UNICODE = 0x00000001;
const FLAG_OEM_DOMAIN_SUPPLIED = 0x00001000;
const FLAG_EXTENDED_SECURITY = 0x00080000;
const FLAG_TARGET_INFO = 0x00800000;
/** Unicode, OEM, request target, NTLM, OEM domain + workstation supplied, always sign, ESS, version, 128, 56. */
const NEGOTIATE_FLAGS = 0xa208b207;
/** The flags httpntlm writes into every AUTHENTICATE message, whatever the server said. */
const AUTHENTICATE_FLAGS = 0xa2888205;
const SIGNATURE = 'NTLMSSP\0';
/** Windows XP 5.1 build 2600, NTLM revision 15: the version httpntlm announces. */
const VERSION = Buffer.from([5, 1, 0x28, 0x0a, 0, 0, 0, 15]);
/** Milliseconds between 1601-01-01 (Windows FILETIME epoch) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11644473600000n;

/**
 * JavaScript's deprecated global `escape()`, which httpntlm applies to domain and workstation names.
 *
 * @example
 * legacyEscape('Dé v'); // 'D%E9%20v'
 */
export function legacyEscape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string;
    const code = value.charCodeAt(i);
    if (/[A-Za-z0-9@*_+\-./]/.test(char)) out += char;
    else if (code < 256) out += `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += `%u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/**
 * The NEGOTIATE message as an `Authorization` header value.
 *
 * @example
 * negotiateMessage('', ''); // 'NTLM TlRMTVNTUAABAAAAB6IIogAAAAAoAAAAAAAAACgAAAAFASgKAAAADw=='
 */
export function negotiateMessage(domain: string, workstation: string): string {
  const domainName = legacyEscape(domain.toUpperCase());
  const workstationName = legacyEscape(workstation.toUpperCase());
  const flags = domainName ? NEGOTIATE_FLAGS : NEGOTIATE_FLAGS - FLAG_OEM_DOMAIN_SUPPLIED;
  const bodyLength = 40;
  const buf = Buffer.alloc(bodyLength + domainName.length + workstationName.length);
  buf.write(SIGNATURE, 0, 'latin1');
  buf.writeUInt32LE(1, 8);
  buf.writeUInt32LE(flags >>> 0, 12);
  buf.writeUInt16LE(domainName.length, 16);
  buf.writeUInt16LE(domainName.length, 18);
  buf.writeUInt32LE(bodyLength + workstationName.length, 20);
  buf.writeUInt16LE(workstationName.length, 24);
  buf.writeUInt16LE(workstationName.length, 26);
  buf.writeUInt32LE(bodyLength, 28);
  VERSION.copy(buf, 32);
  buf.write(workstationName, bodyLength, 'ascii');
  buf.write(domainName, bodyLength + workstationName.length, 'ascii');
  return `NTLM ${buf.toString('base64')}`;
}

export interface ChallengeMessage {
  flags: number;
  serverChallenge: Buffer;
  targetInfo?: Buffer;
}

/**
 * Reads a CHALLENGE message from a `WWW-Authenticate: NTLM <base64>` value; undefined when it is not one.
 *
 * @example
 * parseChallengeMessage('NTLM TlRMTVNTUAACAAAA…')?.serverChallenge; // <Buffer 01 23 45 67 89 ab cd ef>
 */
export function parseChallengeMessage(headerValue: string): ChallengeMessage | undefined {
  const encoded = /NTLM (.+)?/.exec(headerValue)?.[1];
  if (!encoded) return undefined;
  const buf = Buffer.from(encoded, 'base64');
  if (buf.length < 32 || buf.readInt16LE(8) !== 2) return undefined;
  const flags = buf.readInt32LE(20);
  const message: ChallengeMessage = { flags, serverChallenge: buf.subarray(24, 32) };
  if (flags & FLAG_TARGET_INFO && buf.length >= 48) {
    const length = buf.readInt16LE(40);
    const offset = buf.readInt32LE(44);
    message.targetInfo = buf.subarray(offset, offset + length);
  }
  return message;
}

const hmacMd5 = (key: Uint8Array, data: Uint8Array): Buffer => createHmac('md5', key).update(data).digest();

/** NTOWFv1: MD4 of the UTF-16LE password. */
export function ntHashV1(password: string): Buffer {
  return md4(Buffer.from(password, 'utf16le'));
}

/** LMOWFv1: DES of `KGS!@#$%` under the upper-cased, 14-byte padded password halves. */
export function lmHashV1(password: string): Buffer {
  const padded = Buffer.alloc(14);
  Buffer.from(password.toUpperCase(), 'latin1').copy(padded, 0, 0, 14);
  const magic = Buffer.from('KGS!@#$%', 'ascii');
  return Buffer.concat([
    desEncryptBlock(expandDesKey(padded.subarray(0, 7)), magic),
    desEncryptBlock(expandDesKey(padded.subarray(7, 14)), magic),
  ]);
}

/** DESL: the 16-byte hash zero-padded to 21 bytes, three DES keys over the 8-byte challenge. */
export function desResponse(hash: Uint8Array, challenge: Uint8Array): Buffer {
  const padded = Buffer.alloc(21);
  padded.set(hash.subarray(0, 21));
  const block = challenge.subarray(0, 8);
  return Buffer.concat(
    [0, 7, 14].map((at) => desEncryptBlock(expandDesKey(padded.subarray(at, at + 7)), block)),
  );
}

/** NTOWFv2 (ResponseKeyNT): HMAC-MD5 of UTF-16LE(upper(user) + domain) under the NT hash. */
export function ntowfV2(ntHash: Uint8Array, username: string, domain: string): Buffer {
  return hmacMd5(ntHash, Buffer.from(username.toUpperCase() + domain, 'utf16le'));
}

export interface ChallengeResponses {
  lm: Buffer;
  nt: Buffer;
}

/**
 * LMv2 and NTLMv2 responses. `timestamp` is in ms since 1970 (written as a FILETIME).
 *
 * @example
 * ntlmV2Responses(responseKeyNT, serverChallenge, clientChallenge, targetInfo, Date.now());
 */
export function ntlmV2Responses(
  responseKey: Uint8Array,
  serverChallenge: Uint8Array,
  clientChallenge: Uint8Array,
  targetInfo: Uint8Array,
  timestamp: number,
): ChallengeResponses {
  const lm = Buffer.concat([
    hmacMd5(responseKey, Buffer.concat([serverChallenge, clientChallenge])),
    clientChallenge,
  ]);
  const time = Buffer.alloc(8);
  time.writeBigUInt64LE((BigInt(Math.floor(timestamp)) + FILETIME_EPOCH_OFFSET_MS) * 10000n);
  const zero = Buffer.alloc(4);
  const blob = Buffer.concat([
    Buffer.from([1, 1, 0, 0]),
    zero,
    time,
    clientChallenge,
    zero,
    targetInfo,
    zero,
  ]);
  const proof = hmacMd5(responseKey, Buffer.concat([serverChallenge, blob]));
  return { lm, nt: Buffer.concat([proof, blob]) };
}

/** NTLMv1 with extended session security ("NTLM2 session response"). */
export function ntlm2SessionResponses(
  ntHash: Uint8Array,
  serverChallenge: Uint8Array,
  clientChallenge: Uint8Array,
): ChallengeResponses {
  const lm = Buffer.alloc(clientChallenge.length + 16);
  lm.set(clientChallenge);
  const session = createHash('md5')
    .update(Buffer.concat([serverChallenge, clientChallenge]))
    .digest();
  return { lm, nt: desResponse(ntHash, session.subarray(0, 8)) };
}

export interface Credentials {
  domain: string;
  workstation: string;
  username: string;
  password: string;
}

/**
 * The AUTHENTICATE message as an `Authorization` header value.
 *
 * @example
 * authenticateMessage(challenge, { domain: '', workstation: '', username: 'u', password: 'p' },
 *   randomBytes(8), Date.now()); // 'NTLM TlRMTVNTUAADAAAA…'
 */
export function authenticateMessage(
  challenge: ChallengeMessage,
  credentials: Credentials,
  clientChallenge: Uint8Array,
  timestamp: number,
): string {
  const unicode = (challenge.flags & FLAG_UNICODE) !== 0;
  const encoding: BufferEncoding = unicode ? 'utf16le' : 'latin1';
  const domainName = legacyEscape(credentials.domain.toUpperCase());
  const workstation = legacyEscape(credentials.workstation.toUpperCase());
  const domainBytes = Buffer.from(domainName, encoding);
  const userBytes = Buffer.from(credentials.username, encoding);
  const workstationBytes = Buffer.from(workstation, encoding);
  const ntHash = ntHashV1(credentials.password);

  let responses: ChallengeResponses;
  if (challenge.flags & FLAG_EXTENDED_SECURITY) {
    // As httpntlm (and curl): extended security means the server likely speaks NTLMv2, which needs target info.
    responses = challenge.targetInfo
      ? ntlmV2Responses(
          ntowfV2(ntHash, credentials.username, domainName),
          challenge.serverChallenge,
          clientChallenge,
          challenge.targetInfo,
          timestamp,
        )
      : ntlm2SessionResponses(ntHash, challenge.serverChallenge, clientChallenge);
  } else {
    responses = {
      lm: desResponse(lmHashV1(credentials.password), challenge.serverChallenge),
      nt: desResponse(ntHash, challenge.serverChallenge),
    };
  }

  const bodyLength = 72;
  const domainAt = bodyLength;
  const userAt = domainAt + domainBytes.length;
  const workstationAt = userAt + userBytes.length;
  const lmAt = workstationAt + workstationBytes.length;
  const ntAt = lmAt + responses.lm.length;
  const end = ntAt + responses.nt.length;
  const buf = Buffer.alloc(end);
  buf.write(SIGNATURE, 0, 'latin1');
  buf.writeUInt32LE(3, 8);
  const field = (at: number, length: number, offset: number) => {
    buf.writeUInt16LE(length, at);
    buf.writeUInt16LE(length, at + 2);
    buf.writeUInt32LE(offset, at + 4);
  };
  field(12, responses.lm.length, lmAt);
  field(20, responses.nt.length, ntAt);
  field(28, domainBytes.length, domainAt);
  field(36, userBytes.length, userAt);
  field(44, workstationBytes.length, workstationAt);
  field(52, 0, end); // no encrypted random session key
  buf.writeUInt32LE((unicode ? AUTHENTICATE_FLAGS : AUTHENTICATE_FLAGS - FLAG_UNICODE) >>> 0, 60);
  VERSION.copy(buf, 64);
  domainBytes.copy(buf, domainAt);
  userBytes.copy(buf, userAt);
  workstationBytes.copy(buf, workstationAt);
  responses.lm.copy(buf, lmAt);
  responses.nt.copy(buf, ntAt);
  return `NTLM ${buf.toString('base64')}`;
}
