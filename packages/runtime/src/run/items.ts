/**
 * Flattens a collection into the list of runnable items, each carrying what it inherits from its
 * folders and the collection: script chains, effective auth and merged protocolProfileBehavior.
 */
import {
  type AuthDefinition,
  type Collection,
  type EventDefinition,
  type Item,
  type ItemGroup,
  isItemGroup,
  type TreeNode,
} from '@postern/collection';
import type { ItemInfo } from '../events.ts';
import type { ProtocolProfile } from '../http/types.ts';

export interface RunnableItem {
  item: Item;
  info: ItemInfo;
  /** Enclosing folders, outermost first. */
  folders: ItemGroup[];
  /** Enabled scripts in Postman's order: collection → outer folder → inner folder → item. */
  prerequest: EventDefinition[];
  test: EventDefinition[];
  /** The nearest auth with a type (request → folders → collection); undefined when none or noauth. */
  auth?: AuthDefinition;
  profile: ProtocolProfile;
  /** `pm.execution.location`: collection, folder and item names, and who owns each script. */
  location: ScriptLocations;
}

export interface ScriptLocations {
  path: string[];
  /** The name of the collection, folder or item each event belongs to. */
  owners: ReadonlyMap<EventDefinition, string>;
}

/** Thrown when `--folder` names nothing in the collection. */
export class FolderNotFoundError extends Error {
  constructor(readonly folder: string) {
    super(`Unable to find a folder or request: ${folder}`);
    this.name = 'FolderNotFoundError';
  }
}

/**
 * Lists the items to run, in collection order. With `folders`, only the items inside (or equal to)
 * the named folders or requests, matched by id first, then by name.
 */
export function flattenItems(collection: Collection, folders?: readonly string[]): RunnableItem[] {
  const roots = folders && folders.length > 0 ? selectRoots(collection, folders) : undefined;
  const out: RunnableItem[] = [];
  // every event belongs to one node: one map for the run names the owner of each script
  const owners = new Map<EventDefinition, string>();
  const own = (events: EventDefinition[], name: string) => {
    for (const event of events) owners.set(event, name);
  };
  own(collection.event, collection.info.name);
  const walk = (nodes: TreeNode[], chain: ItemGroup[], selected: boolean): void => {
    for (const node of nodes) {
      own(node.event, node.name);
      const inSelection = selected || roots === undefined || roots.has(node);
      if (isItemGroup(node)) {
        walk(node.item, [...chain, node], inSelection);
      } else if (inSelection) {
        out.push(toRunnable(collection, chain, node, owners));
      }
    }
  };
  walk(collection.item, [], false);
  return out;
}

function selectRoots(collection: Collection, names: readonly string[]): Set<TreeNode> {
  const byId = new Map<string, TreeNode>();
  const byName = new Map<string, TreeNode>();
  const index = (nodes: TreeNode[]): void => {
    for (const node of nodes) {
      if (!byId.has(node.id)) byId.set(node.id, node);
      if (!byName.has(node.name)) byName.set(node.name, node);
      if (isItemGroup(node)) index(node.item);
    }
  };
  index(collection.item);
  const roots = new Set<TreeNode>();
  for (const name of names) {
    const node = byId.get(name) ?? byName.get(name);
    if (!node) throw new FolderNotFoundError(name);
    roots.add(node);
  }
  return roots;
}

function toRunnable(
  collection: Collection,
  folders: ItemGroup[],
  item: Item,
  owners: ReadonlyMap<EventDefinition, string>,
): RunnableItem {
  const chain: Array<{ event: EventDefinition[] }> = [collection, ...folders, item];
  const scripts = (listen: string) =>
    chain.flatMap((node) => node.event.filter((e) => e.listen === listen && !e.disabled && e.script));
  return {
    item,
    info: { id: item.id, name: item.name, path: folders.map((f) => f.name) },
    folders,
    prerequest: scripts('prerequest'),
    test: scripts('test'),
    auth: effectiveAuth(collection, folders, item),
    location: { path: [collection.info.name, ...folders.map((f) => f.name), item.name], owners },
    profile: Object.assign(
      {},
      collection.protocolProfileBehavior,
      ...folders.map((f) => f.protocolProfileBehavior),
      item.protocolProfileBehavior,
    ) as ProtocolProfile,
  };
}

/** The nearest defined auth walking up from the request; `noauth` ends the walk with no auth. */
function effectiveAuth(collection: Collection, folders: ItemGroup[], item: Item): AuthDefinition | undefined {
  const candidates: Array<AuthDefinition | null | undefined> = [
    item.request.auth,
    ...folders.map((f) => f.auth).reverse(),
    collection.auth,
  ];
  for (const auth of candidates) {
    if (!auth?.type) continue;
    return auth.type === 'noauth' ? undefined : auth;
  }
  return undefined;
}
