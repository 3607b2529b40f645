// One video: how it was sampled, its tags, its timeline (who is on screen when), the sampled frames in which faces
// were found (each face's crop where it was in the frame), every face track with when it was seen, its box, score,
// match and confidence, and reprocess / retry.

import { get, post, trackCrop } from '../api.js';
import { h, fill, errorBox, badge, basename, time, score, bytes, dateTime, plural, toast, cropImage, seconds, seen } from '../dom.js';
import { every } from '../shell.js';
import { timeline } from '../timeline.js';

/** The worker's crop: the box enlarged by 30 % around its centre, cut to the frame. */
function cropBox([x1, y1, x2, y2], width, height) {
  const cx = (x1 + x2) / 2, cy = (y1 + y2) / 2, hw = (x2 - x1) * 0.65, hh = (y2 - y1) * 0.65;
  return [Math.max(0, cx - hw), Math.max(0, cy - hh), Math.min(width, cx + hw), Math.min(height, cy + hh)];
}

const pct = (value, whole) => (100 * value / whole).toFixed(3) + '%';

function frame(video, time0, faces, select) {
  const { width, height } = video;
  const canvas = h('div.frame-canvas', { style: { aspectRatio: `${width} / ${height}` } });
  for (const f of faces) {
    const [cx1, cy1, cx2, cy2] = cropBox(f.bbox, width, height);
    canvas.append(h('img.frame-crop', { src: trackCrop(f.id), alt: '', loading: 'lazy',
      style: { left: pct(cx1, width), top: pct(cy1, height), width: pct(cx2 - cx1, width), height: pct(cy2 - cy1, height) },
      onerror: (e) => e.target.remove() }));
    const [x1, y1, x2, y2] = f.bbox;
    canvas.append(h('button.frame-box', { type: 'button', class: 'box-' + f.match_status,
      title: `${f.matched_creator_name || 'unknown'} (${f.match_status}, ${score(f.match_confidence)})`,
      style: { left: pct(Math.max(0, x1), width), top: pct(Math.max(0, y1), height),
        width: pct(Math.min(width, x2) - Math.max(0, x1), width), height: pct(Math.min(height, y2) - Math.max(0, y1), height) },
      onclick: () => select(f.id) }));
  }
  return h('figure.frame', { dataset: { time: String(time0) } }, canvas,
    h('figcaption.small', h('strong', time(time0)), ' · ', plural(faces.length, 'face')));
}

/** How the last run sampled the video: every 2.0 s, 30 of 1,462 frames decoded, keyframes every 4.0 s. */
function sampling(video) {
  if (video.frames_sampled === null || video.frames_sampled === undefined) return null;
  return [
    h('div', h('dt', 'Sampled'), h('dd#video-sampling', video.sample_interval_seconds ? `every ${seconds(video.sample_interval_seconds)} s` : '–')),
    h('div', h('dt', 'Frames'), h('dd#video-frame-counts', `${video.frames_sampled} sampled of ${video.frames_decoded} decoded`)),
    h('div', h('dt', 'Keyframes'), h('dd', video.keyframe_interval_seconds ? `every ${seconds(video.keyframe_interval_seconds)} s` : '–'))];
}

export async function render(main, { params, query }) {
  const id = Number(params[0]);
  let video;
  let polling = false;
  let selected = query && query.get('face') ? Number(query.get('face')) : null;

  const head = h('div');
  const onScreen = h('div#video-timeline');
  const frames = h('div.frames#video-frames');
  const faces = h('div.face-table#video-faces');

  const highlight = (scroll) => {
    faces.querySelectorAll('.selected').forEach((r) => r.classList.remove('selected'));
    onScreen.querySelectorAll('.timeline-segment.selected').forEach((s) => s.classList.remove('selected'));
    if (selected === null) return;
    onScreen.querySelectorAll(`.timeline-segment[data-track-id="${selected}"]`).forEach((s) => s.classList.add('selected'));
    const row = faces.querySelector(`[data-track-id="${selected}"]`);
    if (row) {
      row.classList.add('selected');
      if (scroll) row.scrollIntoView({ behavior: 'smooth', block: 'center' });
    }
  };
  const select = (faceId) => {
    selected = faceId;
    highlight(true);
  };

  const requeue = async (label) => {
    try {
      await post(`/api/videos/${id}/reprocess`);
      toast(`${basename(video.path)} queued${label === 'Retry' ? ' again' : ' for processing'}`);
      await load();
    } catch (err) {
      toast(err.message, 'error');
    }
  };

  async function load() {
    let onScreenData;
    try {
      [video, onScreenData] = await Promise.all([get(`/api/videos/${id}`), get(`/api/videos/${id}/timeline`)]);
    } catch (err) {
      fill(main, h('p.crumbs', h('a', { href: '#/videos' }, 'Videos')), h('h1', 'Video ' + id), errorBox(err.message));
      return false;
    }
    document.title = basename(video.path) + ' · Facefleet';
    const byStatus = {};
    video.face_tracks.forEach((d) => { byStatus[d.match_status] = (byStatus[d.match_status] || 0) + 1; });
    fill(head,
      h('div.page-head',
        h('div', h('h1#video-title', basename(video.path), ' ', badge(video.status)), h('p.muted.small.path', video.path)),
        h('div.actions',
          video.status === 'failed'
            ? h('button.primary.needs-admin#retry-button', { type: 'button', onclick: () => requeue('Retry') }, 'Retry')
            : null,
          h('button.needs-admin#reprocess-button', { type: 'button', onclick: () => requeue('Reprocess'),
            disabled: video.status === 'missing' }, 'Reprocess'))),
      video.error ? errorBox([h('strong', video.status === 'failed' ? 'Processing failed: ' : 'Last error: '), video.error],
        'video-error') : null,
      video.partial_reason ? h('div.warn-box#video-partial', { role: 'status' }, h('strong', 'partial: '), video.partial_reason,
        h('span.small', ' (the file could not be read to its end: these are the faces found before)')) : null,
      h('dl.facts',
        h('div', h('dt', 'Length'), h('dd', time(video.duration_seconds))),
        h('div', h('dt', 'Frame'), h('dd', video.width ? `${video.width}×${video.height}` : '–',
          video.fps ? ` @ ${Number(video.fps).toFixed(2)} fps` : '')),
        h('div', h('dt', 'Size'), h('dd', bytes(video.size_bytes))),
        h('div', h('dt', 'Processed'), h('dd', dateTime(video.processed_at))),
        h('div', h('dt', 'Attempts'), h('dd#video-attempts', String(video.attempts))),
        sampling(video),
        h('div', h('dt', 'Face tracks'), h('dd', String(video.face_tracks.length),
          Object.entries(byStatus).map(([s, n]) => [' ', badge(s, `${n} ${s}`)])))),
      h('section', h('h2', 'Creators in this video'),
        h('div.tags#video-tags', video.tags.length
          ? video.tags.map((t) => h('a.tag.tag-large', { href: `#/creators/${t.creator_id}`, dataset: { creatorId: String(t.creator_id) } },
            t.name, h('span.tag-score', score(t.confidence)), h('span.muted.small',
              t.on_screen_seconds !== null ? ` ${seconds(t.on_screen_seconds)} s on screen` : '', ' from ', time(t.first_seen_seconds),
              t.source === 'manual' ? ' (by hand)' : '')))
          : h('span.muted', video.status === 'done' ? 'Nobody tagged yet.' : 'Not processed yet.'))));

    fill(onScreen, timeline(onScreenData, select)
      || h('p.empty', video.status === 'done' ? 'Nobody is on screen in the sampled frames.' : 'Not processed yet.'));

    const times = [...new Set(video.face_tracks.map((d) => d.frame_timestamp))];
    if (!video.face_tracks.length) {
      fill(frames, h('p.empty', video.status === 'done' ? 'No faces were found in the sampled frames.' : 'No frames sampled yet.'));
    } else if (video.width && video.height) {
      fill(frames, times.map((t) => frame(video, t, video.face_tracks.filter((d) => d.frame_timestamp === t), select)));
    } else {
      fill(frames, times.map((t) => h('figure.frame', h('div.face-strip', video.face_tracks.filter((d) => d.frame_timestamp === t)
        .map((d) => cropImage(trackCrop(d.id)))), h('figcaption.small', time(t)))));
    }

    fill(faces,
      video.face_tracks.length ? [h('div.face-row.head', h('span', 'Face'), h('span', 'Seen'), h('span', 'Box'), h('span', 'Score'),
        h('span', 'Match')),
      video.face_tracks.map((d) => {
        const [x1, y1, x2, y2] = d.bbox;
        return h('div.face-row', { dataset: { trackId: String(d.id), status: d.match_status } },
          cropImage(trackCrop(d.id), { size: 'md' }),
          h('span.small.face-seen', seen(d), h('br'), h('span.muted', 'best at ', time(d.frame_timestamp))),
          h('span.small.mono', `${Math.round(x1)},${Math.round(y1)} – ${Math.round(x2)},${Math.round(y2)}`,
            h('br'), h('span.muted', `${Math.round(x2 - x1)}×${Math.round(y2 - y1)} px`)),
          h('span', score(d.det_score)),
          h('span', badge(d.match_status), ' ',
            d.matched_creator_id ? h('a', { href: `#/creators/${d.matched_creator_id}` }, d.matched_creator_name) : null,
            d.match_confidence !== null ? h('span.muted.small', ' ', score(d.match_confidence)) : null,
            d.match_status === 'pending' ? h('a.small.review-link', { href: '#/review' }, ' review →') : null));
      })] : null);
    const section = main.querySelector('#faces-section');
    if (section) section.hidden = !video.face_tracks.length;
    highlight(false);
    polling = ['new', 'queued', 'processing'].includes(video.status);
    return true;
  }

  fill(main,
    h('p.crumbs', h('a', { href: '#/videos' }, 'Videos'), ' › ', h('span#crumb-video', 'video ' + id)),
    head,
    h('section', h('h2', 'On screen'),
      h('p.muted.small', 'When each person is on screen, from the sampled frames: a face seen at one frame counts for half ',
        'the sampling interval either side. Choose a stretch to see its face below.'), onScreen),
    h('section', h('h2', 'Sampled frames with faces'),
      h('p.muted.small', 'Each frame in which faces were found, with the faces where they were: the picture of each face ',
        'is the crop the worker kept, the outline its box (green matched or confirmed, amber waiting for review, grey unmatched). ',
        'Frames without faces are not kept.'), frames),
    h('section#faces-section', h('h2', 'Face tracks'),
      h('p.muted.small', 'Each face followed across the sampled frames, with its best picture.'), faces));
  const first = await load();
  if (video) {
    main.querySelector('#crumb-video').textContent = basename(video.path);
  }
  if (selected !== null) highlight(true);
  if (first === false) return undefined;
  return every(2000, async () => {
    if (polling) await load();
  });
}
