import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  authenticateMessage,
  type ChallengeMessage,
  desResponse,
  legacyEscape,
  lmHashV1,
  negotiateMessage,
  ntHashV1,
  ntlm2SessionResponses,
  ntlmV2Responses,
  ntowfV2,
  parseChallengeMessage,
} from './ntlm-messages.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// MS-NLMP §4.2.1 common values.
const SERVER_CHALLENGE = hex('0123456789abcdef');
const CLIENT_CHALLENGE = hex('aaaaaaaaaaaaaaaa');
const AV_PAIRS = hex('02000c0044006f006d00610069006e0001000c005300650072007600650072000000 0000');

describe('MS-NLMP §4.2 test vectors', () => {
  it('LMOWFv1 and NTOWFv1 (§4.2.2.1)', () => {
    expect(lmHashV1('Password').toString('hex')).toBe('e52cac67419a9a224a3b108f3fa6cb6d');
    expect(ntHashV1('Password').toString('hex')).toBe('a4f49c406510bdcab6824ee7c30fd852');
  });

  it('NTLMv1 and LMv1 responses (§4.2.2.2)', () => {
    expect(desResponse(ntHashV1('Password'), SERVER_CHALLENGE).toString('hex')).toBe(
      '67c43011f30298a2ad35ece64f16331c44bdbed927841f94',
    );
    expect(desResponse(lmHashV1('Password'), SERVER_CHALLENGE).toString('hex')).toBe(
      '98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13',
    );
  });

  it('NTLMv1 with extended session security (§4.2.3.2)', () => {
    const { lm, nt } = ntlm2SessionResponses(ntHashV1('Password'), SERVER_CHALLENGE, CLIENT_CHALLENGE);
    expect(lm.toString('hex')).toBe(`aaaaaaaaaaaaaaaa${'00'.repeat(16)}`);
    expect(nt.toString('hex')).toBe('7537f803ae367128ca458204bde7caf81e97ed2683267232');
  });

  it('NTOWFv2, LMv2 and NTProofStr (§4.2.4)', () => {
    const key = ntowfV2(ntHashV1('Password'), 'User', 'Domain');
    expect(key.toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
    // Time 0 in FILETIME is 1601-01-01, i.e. this many ms before 1970.
    const { lm, nt } = ntlmV2Responses(key, SERVER_CHALLENGE, CLIENT_CHALLENGE, AV_PAIRS, -11644473600000);
    expect(lm.toString('hex')).toBe('86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa');
    expect(nt.subarray(0, 16).toString('hex')).toBe('68cd0ab851e51c96aabc927bebef6a1c');
  });
});

describe('legacyEscape', () => {
  it('behaves like the global escape()', () => {
    for (const s of ['Domain', 'a b', 'ü@x.-_*+/', '日本', '%~!']) {
      expect(legacyEscape(s)).toBe((globalThis as unknown as { escape(v: string): string }).escape(s));
    }
  });
});

interface Httpntlm {
  createType1Message(o: { domain?: string; workstation?: string }): string;
  parseType2Message(raw: string, cb: (err: unknown) => void): { negotiateFlags: number } | null;
  createType3Message(msg2: unknown, o: Record<string, string>): string;
}
const httpntlm = createRequire(import.meta.url)('httpntlm').ntlm as Httpntlm;

/** A CHALLENGE message with the given flags and optional target info. */
function challengeHeader(flags: number, targetInfo?: Buffer): string {
  const info = targetInfo ?? Buffer.alloc(0);
  const buf = Buffer.alloc(48 + info.length);
  buf.write('NTLMSSP\0', 0, 'latin1');
  buf.writeUInt32LE(2, 8);
  buf.writeUInt32LE(flags >>> 0, 20);
  SERVER_CHALLENGE.copy(buf, 24);
  buf.writeUInt16LE(info.length, 40);
  buf.writeUInt16LE(info.length, 42);
  buf.writeUInt32LE(48, 44);
  info.copy(buf, 48);
  return `NTLM ${buf.toString('base64')}`;
}

describe('messages compared with httpntlm (postman-runtime’s NTLM library)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('builds the same NEGOTIATE message', () => {
    for (const [domain, workstation] of [
      ['', ''],
      ['corp', ''],
      ['', 'ws-1'],
      ['Corp Domain', 'Wörkstation'],
    ] as const) {
      expect(negotiateMessage(domain, workstation)).toBe(
        httpntlm.createType1Message({ domain, workstation }),
      );
    }
    expect(negotiateMessage('', '')).toBe('NTLM TlRMTVNTUAABAAAAB6IIogAAAAAoAAAAAAAAACgAAAAFASgKAAAADw==');
  });

  it('reads a CHALLENGE message', () => {
    const parsed = parseChallengeMessage(challengeHeader(0xa2898205, AV_PAIRS));
    expect(parsed?.serverChallenge.toString('hex')).toBe('0123456789abcdef');
    expect(parsed?.targetInfo?.equals(AV_PAIRS)).toBe(true);
    expect(parseChallengeMessage('NTLM')).toBeUndefined();
    expect(
      parseChallengeMessage(`NTLM ${Buffer.from('NTLMSSP\0\x01\0\0\0').toString('base64')}`),
    ).toBeUndefined();
  });

  const cases: Array<[string, number, Buffer | undefined]> = [
    ['NTLMv2 (unicode, extended security, target info)', 0xa2898205, AV_PAIRS],
    ['NTLMv1 with session security (no target info)', 0xa2088205, undefined],
    ['plain NTLMv1/LM (no extended security)', 0xa2008205, undefined],
    ['OEM (no unicode)', 0xa2898206, AV_PAIRS],
  ];
  for (const [name, flags, targetInfo] of cases) {
    it(`builds the same AUTHENTICATE message: ${name}`, () => {
      const header = challengeHeader(flags, targetInfo);
      const credentials = {
        domain: 'Dömain',
        workstation: 'computer',
        username: 'User',
        password: 'Pässword',
      };
      const now = Date.UTC(2024, 0, 2, 3, 4, 5);
      const clientChallenge = hex('0102030405fe80ff');
      // httpntlm draws its client challenge from Math.random and its timestamp from Date.now.
      const bytes = [...clientChallenge];
      vi.spyOn(Math, 'random').mockImplementation(() => ((bytes.shift() ?? 0) + 0.5) / 256);
      vi.spyOn(Date, 'now').mockReturnValue(now);
      const reference = httpntlm.createType3Message(
        httpntlm.parseType2Message(header, () => {}),
        { ...credentials },
      );
      const challenge = parseChallengeMessage(header) as ChallengeMessage;
      expect(authenticateMessage(challenge, credentials, clientChallenge, now)).toBe(reference);
    });
  }
});
