/**
 * Form state for the snapshot. Cloning copies attributes, not what was typed or chosen since the
 * page loaded, so the live element's state is written into the copy's attributes.
 */

/**
 * Writes what the monitor saw in a form field (typed text, ticks, choices) into the copy's
 * attributes, where a saved page keeps it, counting changed fields in `s.formFields`. Passwords
 * are never copied, only counted in `s.passwords`, so the alteration can say so.
 */
export function writeFormState(
  el: Element,
  live: Element,
  s: { formFields: number; passwords: number },
): void {
  if (el.localName === 'textarea') {
    const value = (live as HTMLTextAreaElement).value;
    if (value !== el.textContent) {
      el.textContent = value;
      s.formFields++;
    }
    return;
  }
  if (el.localName === 'select') {
    const mine = el.getElementsByTagName('option');
    const theirs = live.getElementsByTagName('option');
    let changed = false;
    for (let i = 0; i < mine.length && i < theirs.length; i++) {
      const opt = mine[i];
      const selected = (theirs[i] as HTMLOptionElement).selected;
      if (!opt || selected === opt.hasAttribute('selected')) continue;
      // A single select shows its first option without the attribute: no change to record.
      if (selected && i === 0 && !(live as HTMLSelectElement).multiple && !hasSelected(mine))
        continue;
      if (selected) opt.setAttribute('selected', '');
      else opt.removeAttribute('selected');
      changed = true;
    }
    if (changed) s.formFields++;
    return;
  }
  const input = live as HTMLInputElement;
  const type = (el.getAttribute('type') ?? 'text').toLowerCase();
  if (type === 'checkbox' || type === 'radio') {
    if (input.checked === el.hasAttribute('checked')) return;
    if (input.checked) el.setAttribute('checked', '');
    else el.removeAttribute('checked');
    s.formFields++;
  } else if (type === 'password') {
    // A password typed by the monitor must never end up in evidence that is shared.
    if (input.value) s.passwords++;
  } else if (type !== 'file' && input.value !== (el.getAttribute('value') ?? '')) {
    el.setAttribute('value', input.value);
    s.formFields++;
  }
}

function hasSelected(options: HTMLCollectionOf<HTMLOptionElement>): boolean {
  for (let i = 0; i < options.length; i++) if (options[i]?.hasAttribute('selected')) return true;
  return false;
}
