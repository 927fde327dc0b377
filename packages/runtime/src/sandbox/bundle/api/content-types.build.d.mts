import type { ContentTypeData } from './content-types.ts';

/** The `postern-content-types` library's data (its `sniff` is file-type, bundled as is). */
export function contentTypeData(): Pick<ContentTypeData, 'extensions' | 'formats'>;
/** The library's CommonJS source. */
export default function librarySource(): string;
