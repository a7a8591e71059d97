// DOM helpers shared by the element and the operator page: elements without innerHTML, text
// only through textContent and attributes, so that no data is ever parsed as markup.

/** `el("dd", { part: "value-now" }, "text", child)`: an element, its attributes and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** An SVG element with its attributes (and, for `text`, its words). */
export function svg(tag, attributes = {}, words = null) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (words !== null) node.textContent = words;
  return node;
}

/** Sets `data-*` attributes (`{ code: "invalid_decimal" }` → `data-code`), removing those given null. */
export function mark(node, data) {
  for (const [name, value] of Object.entries(data)) {
    if (value === null || value === undefined) delete node.dataset[name];
    else node.dataset[name] = String(value);
  }
  return node;
}
