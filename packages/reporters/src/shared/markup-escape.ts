/** Escaping for the XML and HTML reports: text, attributes and CDATA that stay well-formed whatever they hold. */

/** Characters XML 1.0 forbids anywhere (lone surrogates included); removed rather than escaped. */
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Escapes text for an XML/HTML element body.
 *
 * @example
 * escapeText('<script>a && b</script>'); // '&lt;script&gt;a &amp;&amp; b&lt;/script&gt;'
 */
export function escapeText(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Escapes text for a double- or single-quoted attribute; line breaks and tabs become character
 * references so attribute normalisation keeps them.
 *
 * @example
 * escapeAttribute('say "hi"\n'); // 'say &quot;hi&quot;&#xA;'
 */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

/**
 * A CDATA section holding `text`; a `]]>` inside is split across two sections.
 *
 * @example
 * cdata('a ]]> b'); // '<![CDATA[a ]]]]><![CDATA[> b]]>'
 */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(INVALID_XML_CHARS, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}
