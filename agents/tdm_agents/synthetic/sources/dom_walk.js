// Three-phase DOM walk: forms and their inputs, then tables, then other labelled key elements.
// Runs inside the page; returns plain JSON (no DOM nodes). Sample cells are capped per table.
() => {
  const text = (el) => (el ? (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim() : "");
  const MAX_SAMPLE_ROWS = 5;

  function labelFor(el) {
    if (el.id) {
      const byFor = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      if (byFor) return text(byFor);
    }
    const wrapping = el.closest("label");
    if (wrapping) {
      const clone = wrapping.cloneNode(true);
      clone.querySelectorAll("input,select,textarea").forEach((n) => n.remove());
      const own = text(clone);
      if (own) return own;
    }
    const labelledBy = el.getAttribute("aria-labelledby");
    if (labelledBy) {
      const ref = document.getElementById(labelledBy);
      if (ref) return text(ref);
    }
    return el.getAttribute("aria-label") || el.getAttribute("placeholder") || "";
  }

  function field(el) {
    const tag = el.tagName.toLowerCase();
    const type = tag === "select" ? "select" : tag === "textarea" ? "textarea" : (el.getAttribute("type") || "text").toLowerCase();
    const out = {
      tag, type,
      name: el.getAttribute("name") || "",
      id: el.id || "",
      label: labelFor(el),
      required: el.required || el.getAttribute("aria-required") === "true",
      pattern: el.getAttribute("pattern"),
      min: el.getAttribute("min"),
      max: el.getAttribute("max"),
      maxlength: el.maxLength > 0 ? el.maxLength : null,
      minlength: el.minLength > 0 ? el.minLength : null,
      value: tag === "select" ? "" : (el.getAttribute("value") || ""),
      options: [],
    };
    if (tag === "select") {
      out.options = Array.from(el.options).filter((o) => o.value !== "").map((o) => o.value || text(o));
    }
    return out;
  }

  function formFields(form) {
    const fields = [];
    const groups = new Map();
    form.querySelectorAll("input,select,textarea").forEach((el) => {
      const f = field(el);
      if (["hidden", "submit", "button", "reset", "image", "file"].includes(f.type)) return;
      if ((f.type === "radio" || f.type === "checkbox") && f.name) {
        // A radio group (or a checkbox group sharing a name) is one field with options.
        const key = f.type + ":" + f.name;
        if (!groups.has(key)) {
          const fieldset = el.closest("fieldset");
          const legend = fieldset ? text(fieldset.querySelector("legend")) : "";
          groups.set(key, { ...f, label: legend || f.label, options: [] });
        }
        groups.get(key).options.push(f.value || f.label);
        return;
      }
      fields.push(f);
    });
    groups.forEach((g) => {
      if (g.type === "checkbox" && g.options.length <= 1) g.options = [];
      fields.push(g);
    });
    return fields;
  }

  // The heading just before an element names it; failing that, its own first heading.
  function heading(el) {
    let node = el.previousElementSibling;
    while (node) {
      if (/^H[1-4]$/.test(node.tagName)) return text(node);
      node = node.previousElementSibling;
    }
    return text(el.querySelector(":scope > legend, :scope > h1, :scope > h2, :scope > h3, caption"));
  }

  const forms = Array.from(document.querySelectorAll("form")).map((form) => ({
    id: form.id || "",
    name: form.getAttribute("name") || "",
    label: form.getAttribute("aria-label") || heading(form),
    action: form.getAttribute("action") || "",
    fields: formFields(form),
  }));

  const tables = Array.from(document.querySelectorAll("table")).map((table) => {
    let headers = Array.from(table.querySelectorAll("thead th")).map(text);
    let rows = Array.from(table.querySelectorAll("tbody tr"));
    if (!headers.length) {
      const first = table.querySelector("tr");
      headers = first ? Array.from(first.querySelectorAll("th,td")).map(text) : [];
      rows = Array.from(table.querySelectorAll("tr")).slice(1);
    }
    return {
      id: table.id || "",
      label: table.getAttribute("aria-label") || (table.caption ? text(table.caption) : "") || heading(table.parentElement || table),
      headers,
      rows: rows.slice(0, MAX_SAMPLE_ROWS).map((r) => Array.from(r.querySelectorAll("td,th")).map(text)),
    };
  });

  const keyElements = [];
  document.querySelectorAll("dl").forEach((dl) => {
    dl.querySelectorAll("dt").forEach((dt) => {
      const dd = dt.nextElementSibling;
      if (dd && dd.tagName === "DD") keyElements.push({ label: text(dt), value: text(dd) });
    });
  });
  document.querySelectorAll("[data-label], [aria-label]").forEach((el) => {
    if (["INPUT", "SELECT", "TEXTAREA", "FORM", "TABLE", "BUTTON", "A", "NAV"].includes(el.tagName)) return;
    keyElements.push({ label: el.getAttribute("data-label") || el.getAttribute("aria-label"), value: text(el) });
  });

  const links = Array.from(document.querySelectorAll("a[href]")).map((a) => a.href);
  return { title: document.title || "", forms, tables, keyElements, links };
}
