/** The Postern version, shown by `postern --version` and sent in the User-Agent. */
export const VERSION = '0.1.0';
