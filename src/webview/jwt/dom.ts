// Building the page from DOM nodes and textContent only, never HTML strings, so that text taken
// from a token (a claim such as `<img src=x onerror=…>`) appears as the text it is.

type Child = Node | string;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function textInput(id: string, placeholder: string, value = ''): HTMLInputElement {
  const input = el('input', { id, type: 'text', spellcheck: 'false', placeholder, 'aria-label': placeholder });
  input.value = value;
  return input;
}

export function clear(node: HTMLElement): void {
  node.replaceChildren();
}
