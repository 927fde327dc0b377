import { describe, expect, it } from 'vitest';
import { cdata, escapeAttribute, escapeText } from './markup-escape.ts';

describe('markup escaping', () => {
  it('escapes element text', () => {
    expect(escapeText('<script>a && b</script>')).toBe('&lt;script&gt;a &amp;&amp; b&lt;/script&gt;');
  });

  it('escapes attributes, keeping line breaks as character references', () => {
    expect(escapeAttribute(`say "hi" & 'bye'\n\tend`)).toBe(
      'say &quot;hi&quot; &amp; &#39;bye&#39;&#xA;&#x9;end',
    );
  });

  it('drops characters XML forbids, keeping astral characters', () => {
    expect(escapeText('a\u0000b\u0008c\uFFFEd\uD800e😀')).toBe('abcde😀');
  });

  it('splits a CDATA terminator across sections', () => {
    expect(cdata('a ]]> b')).toBe('<![CDATA[a ]]]]><![CDATA[> b]]>');
  });
});
