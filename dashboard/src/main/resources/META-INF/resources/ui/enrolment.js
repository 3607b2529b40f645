// Choosing photos (drag and drop or the file picker) and following an enrolment until its job has finished.

import { get } from './api.js';
import { h, fill, badge, plural } from './dom.js';
import { every } from './shell.js';

const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'image/bmp'];

/** A drop zone with a file input; files() gives what was chosen. */
export function photoPicker({ id = 'photo-input', label = 'Drop photos of their face here' } = {}) {
  let chosen = [];
  const list = h('ul.chosen');
  const input = h('input.visually-hidden', { type: 'file', id, multiple: true, accept: ACCEPTED.join(',') });
  const zone = h('label.dropzone', { for: id, tabindex: '-1' },
    h('span.dropzone-icon', { 'aria-hidden': 'true' }, '⇪'),
    h('span', label, ' or ', h('span.link', 'choose files')),
    h('span.muted.small', 'JPEG, PNG, WebP or BMP; one face per photo, the larger the better'),
    input);

  const show = () => {
    fill(list, chosen.map((file, i) => {
      const url = URL.createObjectURL(file);
      return h('li', h('img', { src: url, alt: '', onload: () => URL.revokeObjectURL(url) }),
        h('span.file-name', file.name),
        h('button.icon-button', { type: 'button', title: 'Remove ' + file.name, 'aria-label': 'Remove ' + file.name,
          onclick: () => { chosen.splice(i, 1); show(); } }, '×'));
    }));
  };
  const add = (files) => {
    chosen = chosen.concat([...files].filter((f) => !f.type || ACCEPTED.includes(f.type) || f.type.startsWith('image/')));
    show();
  };
  input.addEventListener('change', () => { add(input.files); input.value = ''; });
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.add('dragging'); });
  }
  for (const type of ['dragleave', 'drop']) {
    zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.remove('dragging'); });
  }
  zone.addEventListener('drop', (e) => add(e.dataTransfer.files));

  return {
    element: h('div.picker', zone, list),
    files: () => chosen,
    clear: () => { chosen = []; show(); },
  };
}

const KEY = 'facefleet.enrolments';

/** The enrolment jobs started from this browser tab, by creator, so that a page shown later can follow them. */
export function rememberEnrolment(enrolment) {
  const all = JSON.parse(sessionStorage.getItem(KEY) || '{}');
  all[enrolment.creator_id] = { job: enrolment.enrolment_job_id, photos: enrolment.photo_ids, name: enrolment.name };
  sessionStorage.setItem(KEY, JSON.stringify(all));
}

export function rememberedEnrolment(creatorId) {
  return JSON.parse(sessionStorage.getItem(KEY) || '{}')[creatorId] || null;
}

const FINISHED = ['SUCCEEDED', 'FAILED', 'DELETED'];

/**
 * A card that follows one enrolment: each photo's status, the job's state, and at the end what happened (enrolled,
 * or which photo has no face). Calls onDone(creator) once it has finished. Returns {element, stop}.
 */
export function enrolmentTracker(creatorId, { job, photos: photoIds, name }, onDone = () => {}) {
  const title = h('strong', 'Enrolling ', name || 'creator ' + creatorId, '…');
  const state = h('span.muted.small.job-state');
  const bar = h('div.progress', h('div.progress-bar'));
  const list = h('ul.enrol-photos');
  const outcome = h('div.outcome');
  const element = h('div.card.enrolment', { dataset: { creatorId: String(creatorId), state: 'running' } },
    h('div.enrolment-head', title, state), bar, list, outcome);

  const stop = every(1000, async () => {
    const [creator, status] = await Promise.all([
      get(`/api/creators/${creatorId}`),
      job ? get(`/api/jobs/${job}`).catch(() => null) : Promise.resolve(null),
    ]);
    const photos = creator.photos.filter((p) => !photoIds || photoIds.includes(p.id));
    const done = photos.filter((p) => p.status !== 'pending').length;
    const jobState = status ? status.state : null;
    const finished = (jobState && FINISHED.includes(jobState)) || (!job && done === photos.length);
    const percent = finished ? 100 : status && status.progress !== null && status.progress !== undefined
      ? status.progress : Math.round((100 * done) / Math.max(1, photos.length));
    bar.firstChild.style.width = Math.max(percent, 4) + '%';
    state.textContent = jobState ? 'job ' + jobState.toLowerCase() : '';
    fill(list, photos.map((p) => h('li', { dataset: { photoId: String(p.id), status: p.status } },
      badge(p.status), ' ', h('span.file-name', p.file_name))));
    if (!finished) return true;

    const noFace = photos.filter((p) => p.status === 'no_face');
    const enrolled = photos.filter((p) => p.status === 'enrolled');
    element.dataset.state = noFace.length || jobState === 'FAILED' ? 'failed' : 'done';
    bar.classList.add(element.dataset.state);
    if (noFace.length) {
      fill(title, 'Not enrolled: ', creator.name);
      const waiting = photos.length - noFace.length;
      fill(outcome, h('div.error-box.no-face', { role: 'alert' },
        h('strong', noFace.length === 1 ? 'No face found in this photo: ' : 'No face found in these photos: '),
        noFace.map((p) => p.file_name).join(', '), '.',
        h('br'),
        waiting
          ? `Nothing from this upload was enrolled: ${waiting === 1 ? 'the other photo' : `the other ${waiting} photos`}`
            + ' will be enrolled once you '
            + `remove ${noFace.length === 1 ? 'that photo' : 'those photos'} or add another. `
          : 'Nothing was enrolled. ',
        'Add a photo where the face is clearly visible, from the front and not too small, or ',
        h('a', { href: `#/creators/${creatorId}` }, 'remove it on ', creator.name, '\'s page'), '.'));
    } else if (jobState === 'FAILED') {
      fill(title, 'Enrolment failed: ', creator.name);
      fill(outcome, h('div.error-box', { role: 'alert' }, status.error || 'The enrolment job failed; see the JobRunr dashboard.'));
    } else {
      fill(title, 'Enrolled ', creator.name);
      fill(outcome, h('p.ok-text', '✓ ', plural(enrolled.length, 'photo'), ' enrolled; ', plural(creator.embedding_count, 'face'),
        ' on file. Videos are being matched against them.'));
    }
    onDone(creator);
    return false;
  });
  return { element, stop };
}
