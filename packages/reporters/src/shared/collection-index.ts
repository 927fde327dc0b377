/** Looks up an item's definition and parent by id, so reports can embed them as Newman does. */
import type { Collection, Item, ItemGroup, TreeNode } from '@postern/collection';

export interface IndexedItem {
  definition: Item;
  /** The enclosing folder, or the collection for root items. */
  parent: { id: string; name: string };
}

/**
 * Indexes every request item of the collection by id (one walk of the tree).
 *
 * @example
 * const index = indexCollection(collection);
 * index.get(itemId)?.parent.name; // 'Folder A'
 */
export function indexCollection(collection: Collection): Map<string, IndexedItem> {
  const index = new Map<string, IndexedItem>();
  const root = { id: collectionId(collection), name: collection.info.name };
  const walk = (nodes: TreeNode[], parent: { id: string; name: string }): void => {
    for (const node of nodes) {
      // A type guard of our own keeps this package free of runtime imports from @postern/collection.
      if (isFolder(node)) walk(node.item, { id: node.id, name: node.name });
      else index.set(node.id, { definition: node, parent });
    }
  };
  walk(collection.item ?? [], root);
  return index;
}

function isFolder(node: TreeNode): node is ItemGroup {
  return Array.isArray((node as ItemGroup).item);
}

/** The collection's id as Newman reports it (`info._postman_id`, else `id`). */
export function collectionId(collection: Collection): string {
  const id = collection.info._postman_id ?? collection.id;
  return typeof id === 'string' ? id : '';
}

/**
 * Newman's "full name" of an item: its folders and name joined by ` / `.
 *
 * @example
 * fullName({ name: 'post it', path: ['Folder A', 'Sub F'] }); // 'Folder A / Sub F / post it'
 */
export function fullName(item: { name: string; path?: string[] }): string {
  return item.path && item.path.length > 0 ? `${item.path.join(' / ')} / ${item.name}` : item.name;
}
