// One creator: their reference faces and photos, adding photos, renaming, deleting, and the videos they are in
// with when they are on screen (intervals and total seconds) and the face tracks they were seen in.

import { api, get, patch, del, creatorFaceCrop, trackCrop, photoImage } from '../api.js';
import { h, fill, errorBox, badge, basename, dirname, time, score, plural, toast, cropImage, seconds, seen } from '../dom.js';
import { photoPicker, rememberEnrolment, rememberedEnrolment, enrolmentTracker } from '../enrolment.js';

/** Moments shown in the strips; a creator seen more often than this says so. */
const MOMENTS = 1000;

export async function render(main, { params }) {
  const id = Number(params[0]);
  const trackers = [];
  let creator;
  try {
    creator = await get(`/api/creators/${id}`);
  } catch (err) {
    fill(main, h('p.crumbs', h('a', { href: '#/creators' }, 'Creators')), h('h1', 'Creator ' + id), errorBox(err.message));
    return undefined;
  }

  const title = h('h1#creator-title', creator.name);
  const head = h('div.page-head.creator-head');
  const summary = h('p.muted#creator-summary');
  const facesBox = h('div.face-strip#creator-faces');
  const photosBox = h('ul.photo-list#creator-photos');
  const videosBox = h('div#creator-videos');
  const enrolments = h('div.enrolments');
  const picker = photoPicker({ id: 'more-photos', label: 'Drop more photos here' });
  const addError = h('div.form-error#add-photos-error', { role: 'alert' });
  const addButton = h('button.primary#add-photos-button', { type: 'submit' }, 'Add photos');

  const showHead = () => {
    title.textContent = creator.name;
    document.title = creator.name + ' · Facefleet';
    fill(head, title, h('div.actions',
      h('button.needs-admin#rename-button', { type: 'button', onclick: startRename }, 'Rename'),
      h('button.danger.needs-admin#delete-button', { type: 'button', onclick: startDelete }, 'Delete')));
  };

  function startRename() {
    const input = h('input#rename-input', { value: creator.name, maxlength: 200, 'aria-label': 'New name' });
    const error = h('div.form-error#rename-error', { role: 'alert' });
    const form = h('form.inline-form#rename-form', input,
      h('button.primary', { type: 'submit' }, 'Save'),
      h('button', { type: 'button', onclick: showHead }, 'Cancel'), error);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const renamed = await patch(`/api/creators/${id}`, { name: input.value });
        creator.name = renamed.name;
        toast('Renamed to ' + renamed.name);
        showHead();
      } catch (err) {
        error.textContent = err.message;
      }
    });
    fill(head, form);
    input.focus();
    input.select();
  }

  function startDelete() {
    const yes = h('button.danger#confirm-delete', { type: 'button' }, 'Delete ' + creator.name);
    yes.addEventListener('click', async () => {
      try {
        await del(`/api/creators/${id}`);
        toast(creator.name + ' deleted');
        location.hash = '#/creators';
      } catch (err) {
        toast(err.message, 'error');
      }
    });
    fill(head, h('div.confirm-box', { role: 'alertdialog' },
      h('p', 'Delete ', h('strong', creator.name), ' with their photos and enrolled faces? Their faces in videos ',
        'become unmatched and their tags go.'),
      h('div.actions', yes, h('button', { type: 'button', onclick: showHead }, 'Cancel'))));
  }

  const load = async () => {
    const [detail, faces, momentPage] = await Promise.all([get(`/api/creators/${id}`),
      get(`/api/creators/${id}/faces?limit=1000`).then((page) => page.items),
      get(`/api/creators/${id}/moments?limit=${MOMENTS}`)]);
    const moments = momentPage.items;
    creator = detail;
    summary.textContent = `${plural(detail.videos.length, 'video')} · ${plural(detail.embedding_count, 'enrolled face')}`
      + ` · ${plural(detail.photos.length, 'photo')} · added ${new Date(detail.created_at).toLocaleDateString()}`;

    fill(facesBox, faces.length ? faces.map((f) => h('figure.face', { dataset: { faceId: String(f.id) } },
      cropImage(creatorFaceCrop(id, f.id), { alt: detail.name, size: 'lg' }),
      h('figcaption.small.muted', f.source_type === 'photo' ? basename(f.source_path || 'photo')
        : h('span', 'confirmed in ', basename(f.source_path || 'a video')))))
      : h('p.empty', 'No enrolled faces yet.'));

    fill(photosBox, detail.photos.map((p) => h('li', { dataset: { photoId: String(p.id), status: p.status } },
      h('img.photo-thumb', { src: photoImage(id, p.id), alt: p.file_name, loading: 'lazy' }),
      h('div', h('div.file-name', p.file_name), badge(p.status), p.error ? h('div.photo-error', p.error) : null),
      removeButton(p))));

    const byVideo = new Map();
    for (const m of moments) {
      if (!byVideo.has(m.video_id)) byVideo.set(m.video_id, []);
      byVideo.get(m.video_id).push(m);
    }
    const tagged = detail.videos.map((v) => v.video_id);
    const pendingOnly = [...byVideo.keys()].filter((v) => !tagged.includes(v));
    const momentStrip = (videoId) => h('div.moments', (byVideo.get(videoId) || []).map((m) =>
      h('a.moment', { href: `#/videos/${videoId}?face=${m.track_id}`,
        title: `${m.match_status}, similarity ${score(m.confidence)}, ${seen(m)}`, class: 'moment-' + m.match_status },
        cropImage(trackCrop(m.track_id), { size: 'sm' }), h('span', time(m.first_seen_seconds)))));
    const intervals = (v) => (v.intervals.length ? h('div.interval-list', v.intervals.map((i) =>
      h('a.interval', { href: `#/videos/${v.video_id}?face=${i.track_id}` },
        `${seconds(i.start_seconds)}–${seconds(i.end_seconds)} s`))) : null);
    fill(videosBox,
      momentPage.total > moments.length ? h('p.muted.small#moments-cut',
        `The strips show the first ${moments.length.toLocaleString()} of ${momentPage.total.toLocaleString()} moments.`) : null,
      detail.videos.length ? h('ul.video-list', detail.videos.map((v) => h('li.card', { dataset: { videoId: String(v.video_id) } },
        h('div.video-line', h('a.strong', { href: `#/videos/${v.video_id}` }, basename(v.path)),
          h('span.muted.small', dirname(v.path)), badge(v.status)),
        h('div.small', v.source === 'manual' ? 'tagged by hand' : 'tagged automatically',
          ' · confidence ', score(v.confidence), ' · first seen at ', time(v.first_seen_seconds),
          v.intervals.length ? h('strong.on-screen', ` · ${seconds(v.on_screen_seconds)} s on screen`) : null),
        intervals(v),
        momentStrip(v.video_id))))
        : h('p.empty', 'Not tagged in any video yet.'),
      pendingOnly.length ? [h('h3', 'Waiting for review in'), h('ul.video-list', pendingOnly.map((videoId) =>
        h('li.card', h('div.video-line', h('a.strong', { href: `#/videos/${videoId}` }, basename(byVideo.get(videoId)[0].video_path)),
          h('a.small', { href: '#/review' }, plural(byVideo.get(videoId).length, 'face'), ' to review')), momentStrip(videoId))))] : null);
  };

  // Two clicks: the first asks, the second removes the photo and any face enrolled from it.
  const removeButton = (photo) => {
    const button = h('button.small-button.remove-photo.needs-admin', { type: 'button', title: 'Remove ' + photo.file_name }, 'Remove');
    button.addEventListener('click', async () => {
      if (!button.dataset.armed) {
        button.dataset.armed = 'yes';
        button.classList.add('danger');
        button.textContent = photo.status === 'enrolled' ? 'Remove it and its face?' : 'Remove it?';
        return;
      }
      button.disabled = true;
      try {
        const removal = await del(`/api/creators/${id}/photos/${photo.id}`);
        toast(photo.file_name + ' removed');
        dropFinishedEnrolments(); // they tell of photos as they were
        if (removal.enrolment_job_id) {
          const pending = creator.photos.filter((p) => p.status === 'pending' && p.id !== photo.id).map((p) => p.id);
          rememberEnrolment({ creator_id: id, enrolment_job_id: removal.enrolment_job_id, photo_ids: pending, name: creator.name });
          follow(removal.enrolment_job_id, pending);
        }
        await load();
      } catch (err) {
        toast(err.message, 'error');
        button.disabled = false;
      }
    });
    return button;
  };

  const addForm = h('form.card.needs-admin#add-photos', { novalidate: true }, h('h2', 'Add photos'), picker.element, addError,
    h('div.actions', addButton));
  addForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    addError.textContent = '';
    if (!picker.files().length) {
      addError.textContent = 'Choose at least one photo.';
      return;
    }
    const data = new FormData();
    picker.files().forEach((file) => data.append('photos', file, file.name));
    addButton.disabled = true;
    try {
      const enrolment = await api(`/api/creators/${id}/photos`, { method: 'POST', form: data });
      rememberEnrolment(enrolment);
      follow(enrolment.enrolment_job_id, enrolment.photo_ids);
      picker.clear();
      await load();
    } catch (err) {
      addError.textContent = err.message;
    } finally {
      addButton.disabled = false;
    }
  });

  const dropFinishedEnrolments = () => {
    for (const tracker of trackers.filter((t) => t.element.dataset.state !== 'running')) {
      tracker.stop();
      tracker.element.remove();
      trackers.splice(trackers.indexOf(tracker), 1);
    }
  };

  const follow = (job, photos) => {
    const tracker = enrolmentTracker(id, { job, photos, name: creator.name }, load);
    trackers.push(tracker);
    enrolments.prepend(tracker.element);
  };

  showHead();
  fill(main,
    h('p.crumbs', h('a', { href: '#/creators' }, 'Creators'), ' › ', creator.name),
    head, summary,
    h('div.creator-layout',
      h('div',
        h('section', h('h2', 'Reference faces'), facesBox),
        h('section', h('h2', 'Videos and moments'), videosBox)),
      h('aside',
        enrolments,
        h('section', h('h2', 'Photos'), photosBox),
        addForm)));
  await load();
  const remembered = rememberedEnrolment(id);
  if (remembered && creator.photos.some((p) => remembered.photos.includes(p.id) && p.status === 'pending')) {
    follow(remembered.job, remembered.photos);
  }
  return () => trackers.forEach((t) => t.stop());
}
