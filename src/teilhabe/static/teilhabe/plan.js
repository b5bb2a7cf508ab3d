// The plan tree: after htmx swaps the tree in place (up/down), keep the open <details> open and the
// keyboard focus on the button that was pressed. Without JavaScript the page works by full reloads.
(() => {
  let openIds = [];
  let pressed = null;
  document.addEventListener("htmx:beforeRequest", (event) => {
    const tree = event.detail.elt;
    if (!(tree instanceof HTMLElement) || tree.id !== "plan-tree") return;
    openIds = Array.from(tree.querySelectorAll("details[open]")).map((d) => d.id);
    const active = document.activeElement;
    pressed = active instanceof HTMLButtonElement ? active.value : null;
  });
  document.addEventListener("htmx:afterSettle", () => {
    const tree = document.getElementById("plan-tree");
    if (!tree) return;
    for (const id of openIds) {
      const details = document.getElementById(id);
      if (details instanceof HTMLDetailsElement) details.open = true;
    }
    if (pressed) {
      const button = tree.querySelector(`button[value="${CSS.escape(pressed)}"]`);
      if (button instanceof HTMLButtonElement) {
        (button.disabled ? button.parentElement?.querySelector("button:not(:disabled)") : button)?.focus();
      }
    }
  });
})();

// Printing the plan tree prints all of it: open every <details> before printing (not the actions menus), close
// again afterwards what was closed.
(() => {
  let closed = [];
  window.addEventListener("beforeprint", () => {
    closed = Array.from(document.querySelectorAll(".plan-tree details:not([open]):not(.tree-actions)"));
    for (const details of closed) details.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const details of closed) details.open = false;
    closed = [];
  });
})();

// Actions menus of the tree ("Aktionen für …", a <details> per node): Escape closes the open menu and puts the
// focus back on its button; opening one closes the others; a click elsewhere closes them. Without
// JavaScript each menu opens and closes with its button.
(() => {
  const openMenus = () => Array.from(document.querySelectorAll("details.tree-actions[open]"));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const menu = event.target instanceof Element ? event.target.closest("details.tree-actions[open]") : null;
    if (!(menu instanceof HTMLDetailsElement)) return;
    event.preventDefault();
    menu.open = false;
    menu.querySelector("summary")?.focus();
  });
  document.addEventListener("toggle", (event) => {
    const menu = event.target;
    if (!(menu instanceof HTMLDetailsElement) || !menu.classList.contains("tree-actions") || !menu.open) return;
    for (const other of openMenus()) if (other !== menu) other.open = false;
  }, true);
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    for (const menu of openMenus()) if (!target || !menu.contains(target)) menu.open = false;
  });
})();
