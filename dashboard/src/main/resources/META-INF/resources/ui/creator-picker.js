// A creator chosen by typing part of a name. Suggestions come from the scheduler a few at a time
// (/api/creators?q=), so a library of any number of creators works: no page loads the list of every creator.

import { get } from './api.js';
import { h } from './dom.js';

const SUGGESTIONS = 20;

/**
 * An input with name suggestions; `onPick(id)` is called when the text comes to name one creator (its exact name,
 * or the only one whose name holds the text), and `onPick(null)` when it is cleared. The input's
 * `data-creator-id` holds the choice ('' for none). Returns {element, input, choice, show}: `choice()` resolves
 * the creator the text names now (once the suggestions on their way have come), `show(id)` puts a creator chosen
 * elsewhere (a link) in the input.
 */
export function creatorPicker({ id, label, placeholder = 'Type a name…', onPick = () => {} }) {
  const list = h('datalist', { id: `${id}-names` });
  const input = h('input.creator-picker', { id, type: 'search', list: list.id, placeholder, autocomplete: 'off',
    'aria-label': label, dataset: { creatorId: '' } });
  let found = [];
  let asked = 0;
  let pending = Promise.resolve();

  const named = () => {
    const typed = input.value.trim().toLowerCase();
    if (!typed) return null;
    return found.find((c) => c.name.toLowerCase() === typed) || (found.length === 1 ? found[0] : null);
  };
  const choose = (creator) => {
    const chosen = creator ? String(creator.id) : '';
    if (chosen === input.dataset.creatorId) return;
    input.dataset.creatorId = chosen;
    onPick(creator ? creator.id : null);
  };
  const suggest = async () => {
    const typed = input.value.trim();
    const ask = ++asked;
    const page = typed
      ? await get(`/api/creators?limit=${SUGGESTIONS}&q=${encodeURIComponent(typed)}`)
      : { items: [] };
    if (ask !== asked) return; // a later keystroke's answer is the one that counts
    found = page.items;
    list.replaceChildren(...found.map((c) => h('option', { value: c.name })));
    const creator = named();
    if (creator || !typed) choose(creator);
  };

  input.addEventListener('input', () => { pending = suggest().catch(() => {}); });
  const choice = async () => {
    await pending;
    const creator = named();
    return creator ? creator.id : null;
  };
  const show = async (creatorId) => {
    const creator = await get(`/api/creators/${creatorId}`);
    input.value = creator.name;
    found = [creator];
    input.dataset.creatorId = String(creator.id);
  };
  return { element: h('span.creator-picker-field', input, list), input, choice, show };
}
