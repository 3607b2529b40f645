// Search by photo: the videos a face appears in, enrolled or not, with each moment's crop; "enrol this person".

import { api, trackCrop } from '../api.js';
import { h, fill, errorBox, basename, seconds, score, plural, toast, cropImage, badge } from '../dom.js';
import { photoPicker, rememberEnrolment, enrolmentTracker } from '../enrolment.js';

export async function render(main) {
  const trackers = [];
  const picker = photoPicker({ id: 'search-photo', label: 'Drop a photo of the face to look for here' });
  const minSimilarity = h('input#search-min-similarity', { type: 'number', step: '0.01', min: '-1', max: '1',
    placeholder: 'match threshold', 'aria-label': 'Least similarity' });
  const formError = h('div.form-error#search-error', { role: 'alert' });
  const submit = h('button.primary#search-button', { type: 'submit' }, 'Search');
  const form = h('form.card.search-form#search-form', { novalidate: true },
    h('h2', 'Search the library by photo'),
    picker.element,
    h('label.field', h('span', 'Least similarity (optional)'), minSimilarity),
    formError,
    h('div.actions', submit));
  const results = h('div.search-results#search-results');
  const enrol = h('div.enrol-from-search#enrol-from-search');

  const showEnrol = (photo) => {
    const name = h('input#enrol-name', { autocomplete: 'off', placeholder: 'Their name', maxlength: 200, required: true });
    const error = h('div.form-error', { role: 'alert' });
    const button = h('button#enrol-button', { type: 'submit' }, 'Enrol this person');
    const enrolForm = h('form.card.actions', { novalidate: true }, name, button, error);
    enrolForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!name.value.trim()) {
        error.textContent = 'Give the person a name.';
        return;
      }
      const data = new FormData();
      data.append('name', name.value.trim());
      data.append('photos', photo, photo.name);
      button.disabled = true;
      try {
        const enrolment = await api('/api/creators', { method: 'POST', form: data });
        rememberEnrolment(enrolment);
        toast(`${enrolment.name} added; enrolling the photo, then their videos are tagged`);
        const tracker = enrolmentTracker(enrolment.creator_id,
          { job: enrolment.enrolment_job_id, photos: enrolment.photo_ids, name: enrolment.name });
        trackers.push(tracker);
        fill(enrol, tracker.element);
      } catch (err) {
        error.textContent = err.message;
        button.disabled = false;
      }
    });
    fill(enrol, enrolForm);
  };

  const show = (result, photo) => {
    if (!result.items.length) {
      fill(results, h('p.empty#search-empty', 'This face appears in no video (no face track with similarity ≥ ',
        score(result.min_similarity), ').'));
    } else {
      fill(results, h('p.muted', plural(result.items.length, 'video'), ' with this face, best first (similarity ≥ ',
        score(result.min_similarity), ')'),
      result.items.map((video) => h('div.card.search-hit', { dataset: { videoId: String(video.video_id) } },
        h('div.search-hit-head', h('a', { href: `#/videos/${video.video_id}`, title: video.path }, basename(video.path)),
          h('span.muted.small', ' best ', score(video.best_similarity))),
        h('div.moments', video.moments.map((m) => h('div.moment', { dataset: { trackId: String(m.track_id) } },
          cropImage(trackCrop(m.track_id), { alt: 'face', size: 'md' }),
          h('div.small', seconds(m.first_seen_seconds), '–', seconds(m.last_seen_seconds), ' s'),
          h('div.small', 'similarity ', score(m.similarity)),
          h('div.small', m.creator_id
            ? h('a', { href: `#/creators/${m.creator_id}` }, m.creator_name)
            : m.unknown_person_id ? h('a', { href: '#/unknown-people' }, 'unknown person ', m.unknown_person_id)
              : 'not enrolled', ' ', badge(m.status))))))));
    }
    showEnrol(photo);
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    formError.textContent = '';
    const photo = picker.files()[picker.files().length - 1];
    if (!photo) {
      formError.textContent = 'Add a photo of the face to look for.';
      return;
    }
    const data = new FormData();
    data.append('file', photo, photo.name);
    if (minSimilarity.value.trim()) data.append('min_similarity', minSimilarity.value.trim());
    submit.disabled = true;
    fill(results, h('p.muted', 'Searching… a worker finds the face in the photo first (a few seconds).'));
    fill(enrol);
    try {
      show(await api('/api/search', { method: 'POST', form: data }), photo);
    } catch (err) {
      fill(results, errorBox(err.message, 'search-failed'));
    } finally {
      submit.disabled = false;
    }
  });

  fill(main,
    h('div.page-head', h('h1', 'Search by photo')),
    h('div.creators-layout', h('div', results, enrol), h('aside', form)));
  return () => trackers.forEach((t) => t.stop());
}
