// The renderer's `text` holds only a node's own text children; a reader sees the descendants' text too.
type ShownNode = { text: string | null; childNodes?: readonly ShownNode[] };

/** All the text a node shows, its descendants' included, as a reader of that part of the card sees it. */
export const textOf = (node: ShownNode): string => {
  if (node.childNodes === undefined) return node.text ?? '';
  const parts = node.childNodes.map(textOf).filter((part) => part.trim() !== '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
};

/**
 * The testing library types trigger's argument as the handler itself (TProps[name]) rather than the handler's
 * argument; this passes the value a user would enter through that mistyping.
 */
export const eventValue = (value: string | number): never => value as never;
