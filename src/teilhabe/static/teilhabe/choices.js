// Checkbox lists (backoffice.widgets.ChoiceList): a filter box that hides the entries that do not match and
// announces how many do (aria-live), and the "n ausgewählt" summary. Without JavaScript the list is a plain
// list of checkboxes in a scroll area; everything is submitted either way (hidden entries too).
(() => {
  const fold = (text) => text.toLocaleLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  const format = (template, n) => (template || "").replace("%(n)s", String(n));

  const init = (list) => {
    if (!(list instanceof HTMLElement) || list.dataset.choiceReady) return;
    list.dataset.choiceReady = "true";
    const options = list.querySelector("[data-choice-options]");
    const summary = list.querySelector("[data-choice-summary]");
    const boxes = () => Array.from(list.querySelectorAll("[data-choice-options] input[type=checkbox]"));
    const updateSummary = () => {
      if (summary instanceof HTMLElement) {
        summary.textContent = format(summary.dataset.text, boxes().filter((b) => b.checked).length);
      }
    };
    options?.addEventListener("change", updateSummary);

    const tools = list.querySelector("[data-choice-tools]");
    const input = list.querySelector("[data-choice-filter]");
    const matches = list.querySelector("[data-choice-matches]");
    if (tools instanceof HTMLElement && input instanceof HTMLInputElement && matches instanceof HTMLElement) {
      tools.hidden = false;
      const items = Array.from(list.querySelectorAll(".choice-list__item")).map((item) => ({
        item, text: fold(item.textContent || ""),
      }));
      const groups = Array.from(list.querySelectorAll("[data-choice-group]"));
      let timer = 0;
      const apply = () => {
        const terms = fold(input.value).split(/\s+/).filter(Boolean);
        let shown = 0;
        for (const { item, text } of items) {
          const match = terms.every((term) => text.includes(term));
          item.hidden = !match;
          if (match) shown += 1;
        }
        for (const group of groups) {
          group.hidden = !group.querySelector(".choice-list__item:not([hidden])");
        }
        if (!terms.length) {
          matches.textContent = "";
        } else {
          const key = shown === 0 ? "none" : shown === 1 ? "one" : "other";
          matches.textContent = format(matches.dataset[key], shown);
        }
      };
      input.addEventListener("input", () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(apply, 150);
      });
      // Enter filters at once instead of submitting the form.
      input.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          window.clearTimeout(timer);
          apply();
        }
      });
    }

    // Enter in the name of a new entry creates it (instead of saving the whole form).
    const name = list.querySelector("[data-choice-new]");
    const create = list.querySelector("[data-choice-create]");
    if (name instanceof HTMLInputElement && create instanceof HTMLButtonElement) {
      name.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          create.click();
        }
      });
    }
  };

  const initAll = (root) => {
    if (root instanceof Element && root.matches("[data-choice-list]")) init(root);
    root.querySelectorAll?.("[data-choice-list]").forEach(init);
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => initAll(document));
  } else {
    initAll(document);
  }
  // A list swapped in by htmx (after "Anlegen und auswählen"): set it up, focus the new entry or the error.
  document.addEventListener("htmx:load", (event) => {
    const root = event.detail?.elt;
    if (!(root instanceof Element)) return;
    initAll(root);
    if (root === document.body) return; // the first page load: the browser's autofocus already applies
    const focus = root.querySelector("[autofocus]");
    if (focus instanceof HTMLElement) focus.focus();
  });
})();
