// Unknown people: the faces nobody is matched to, grouped by person across videos; name, merge or ignore a group.

import { get, post, trackCrop } from '../api.js';
import { h, fill, errorBox, basename, plural, toast, cropImage, pager } from '../dom.js';

export async function render(main) {
  const PAGE = 24;
  let offset = 0;
  const list = h('div.unknown-people#unknown-people');
  const count = h('span.count');
  const withIgnored = h('input#show-ignored', { type: 'checkbox' });
  const pages = pager('unknown-pager', (to) => { offset = to; load().catch((err) => fill(list, errorBox(err.message))); });

  const act = async (what, call) => {
    try {
      await call();
      toast(what);
      await load();
    } catch (err) {
      toast(err.message, 'error');
    }
  };

  const card = (person) => {
    const name = h('input.unknown-name', { autocomplete: 'off', placeholder: 'Name this person', maxlength: 200,
      'aria-label': 'Name of unknown person ' + person.id });
    const into = h('input.unknown-merge', { type: 'number', min: '1', placeholder: 'other #',
      'aria-label': 'Merge unknown person ' + person.id + ' into' });
    const nameForm = h('form.actions', { novalidate: true }, name, h('button', { type: 'submit' }, 'Name'));
    nameForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!name.value.trim()) return;
      act(`${name.value.trim()} enrolled from ${plural(Math.min(5, person.appearances), 'face')}; their videos are being tagged`,
        () => post(`/api/unknown-people/${person.id}/name`, { name: name.value.trim() }));
    });
    const mergeForm = h('form.actions', { novalidate: true }, into, h('button.small-button', { type: 'submit' }, 'Same person as'));
    mergeForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!into.value) return;
      act(`Unknown person ${person.id} merged into ${into.value}`,
        () => post(`/api/unknown-people/${person.id}/merge`, { into: Number(into.value) }));
    });
    const ignore = h('button.small-button.unknown-ignore', { type: 'button' }, person.ignored ? 'Show again' : 'Ignore');
    ignore.addEventListener('click', () => act(person.ignored ? 'Shown again' : `Unknown person ${person.id} ignored`,
      () => post(`/api/unknown-people/${person.id}/ignore`, { ignored: !person.ignored })));
    return h('div.card.unknown-person', { dataset: { personId: String(person.id), ignored: String(person.ignored) } },
      h('div.unknown-head', h('strong', 'Unknown person #', person.id),
        h('span.muted.small', ' ', plural(person.appearances, 'appearance'), ' in ', plural(person.video_count, 'video'))),
      h('div.moments', person.faces.map((id) => cropImage(trackCrop(id), { alt: 'face', size: 'md' }))),
      h('ul.small.unknown-videos', person.videos.map((v) => h('li',
        h('a', { href: `#/videos/${v.video_id}`, title: v.path }, basename(v.path)), ' ', h('span.muted', '×', v.appearances)))),
      nameForm, h('div.actions', mergeForm, ignore));
  };

  const load = async () => {
    const q = new URLSearchParams({ limit: String(PAGE), offset: String(offset), ignored: String(withIgnored.checked) });
    const page = await get('/api/unknown-people?' + q);
    count.textContent = page.total.toLocaleString();
    pages.update(page);
    fill(list, page.items.length ? page.items.map(card)
      : h('p.empty', 'No unknown people: every face seen often enough is matched to a creator, or none has been grouped yet.'));
  };
  withIgnored.addEventListener('change', () => { offset = 0; load().catch((err) => fill(list, errorBox(err.message))); });

  fill(main,
    h('div.page-head', h('h1', 'Unknown people ', count), h('label.small', withIgnored, ' show ignored')),
    h('p.muted.small', 'Faces that match no creator, grouped by person across videos; the most appearances first.'
      + ' Name a group to enrol that person from its best faces: their videos are then tagged.'),
    list, pages.element);
  try {
    await load();
  } catch (err) {
    fill(list, errorBox(err.message));
  }
}
