// Creators: a grid with their reference faces and number of videos; adding a creator with photos.

import { api, get, referenceFaces, creatorFaceCrop } from '../api.js';
import { h, fill, errorBox, initials, plural, toast, cropImage, pager } from '../dom.js';
import { photoPicker, rememberEnrolment, enrolmentTracker } from '../enrolment.js';

export async function render(main) {
  const trackers = [];
  const grid = h('div.creator-grid#creator-grid');
  const count = h('span.count');
  const filter = h('input.search#creator-filter', { type: 'search', placeholder: 'Find a creator', 'aria-label': 'Find a creator' });
  const enrolments = h('div.enrolments#enrolments');

  const name = h('input#new-creator-name', { name: 'name', autocomplete: 'off', placeholder: 'e.g. Barack Obama', required: true, maxlength: 200 });
  const picker = photoPicker({ id: 'new-creator-photos' });
  const formError = h('div.form-error#add-creator-error', { role: 'alert' });
  const submit = h('button.primary#add-creator-button', { type: 'submit' }, 'Add creator');
  const form = h('form.card.add-creator.needs-admin#add-creator', { novalidate: true },
    h('h2', 'Add a creator'),
    h('label.field', h('span', 'Name'), name),
    picker.element,
    formError,
    h('div.actions', submit));

  const PAGE = 60;
  let page = { items: [], total: 0, limit: PAGE, offset: 0 };
  let offset = 0;
  let faces = new Map();
  const pages = pager('creator-pager', (to) => { offset = to; load().catch((err) => fill(grid, errorBox(err.message))); });
  const draw = () => {
    const creators = page.items;
    count.textContent = page.total.toLocaleString();
    pages.update(page);
    if (!creators.length) {
      fill(grid, h('p.empty', filter.value.trim() ? 'No creator has that name.'
        : 'No creators yet. Add one with a photo of their face: every video is then searched for them.'));
      return;
    }
    fill(grid, creators.map((c) => {
      const own = faces.get(c.id) || [];
      return h('a.creator-card', { href: `#/creators/${c.id}`, dataset: { creatorId: String(c.id), name: c.name } },
        h('div.faces', own.length
          ? own.map((f) => cropImage(creatorFaceCrop(c.id, f.id), { alt: c.name, size: own.length === 1 ? 'xl' : 'lg' }))
          : h('span.avatar', initials(c.name))),
        h('div.creator-name', c.name),
        h('div.muted.small.creator-stats', plural(c.video_count, 'video'), ' · ', plural(c.embedding_count, 'face'),
          c.photo_count > c.embedding_count ? h('span.warn', ' · ', c.photo_count - c.embedding_count, ' not enrolled') : null));
    }));
  };
  const load = async () => {
    const q = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
    if (filter.value.trim()) q.set('q', filter.value.trim());
    [page, faces] = await Promise.all([get('/api/creators?' + q), referenceFaces(3)]);
    draw();
  };
  let typing;
  filter.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { offset = 0; load().catch((err) => fill(grid, errorBox(err.message))); }, 250);
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    formError.textContent = '';
    if (!name.value.trim()) {
      formError.textContent = 'Give the creator a name.';
      name.focus();
      return;
    }
    if (!picker.files().length) {
      formError.textContent = 'Add at least one photo of their face.';
      return;
    }
    const data = new FormData();
    data.append('name', name.value.trim());
    picker.files().forEach((file) => data.append('photos', file, file.name));
    submit.disabled = true;
    try {
      const enrolment = await api('/api/creators', { method: 'POST', form: data });
      rememberEnrolment(enrolment);
      toast(`${enrolment.name} added; enrolling ${plural(enrolment.photo_ids.length, 'photo')}`);
      const tracker = enrolmentTracker(enrolment.creator_id,
        { job: enrolment.enrolment_job_id, photos: enrolment.photo_ids, name: enrolment.name }, load);
      trackers.push(tracker);
      enrolments.prepend(tracker.element);
      name.value = '';
      picker.clear();
      await load();
    } catch (err) {
      formError.textContent = err.message;
    } finally {
      submit.disabled = false;
    }
  });

  fill(main,
    h('div.page-head', h('h1', 'Creators ', count), filter),
    h('div.creators-layout', h('div', grid, pages.element), h('aside', form, enrolments)));
  try {
    await load();
  } catch (err) {
    fill(grid, errorBox(err.message));
  }
  return () => trackers.forEach((t) => t.stop());
}
