// A video's timeline: one bar per person, their time on screen drawn as segments along the video's length; the
// face tracks nobody is named for in a collapsed "Others" group, one bar each. A segment is a button that shows
// its face track (select(trackId)).

import { h, badge, score, cropImage, seconds, time } from './dom.js';
import { trackCrop } from './api.js';

const pct = (value, whole) => (100 * value / whole).toFixed(3) + '%';

function bar(label, intervals, length, select) {
  return h('div.timeline-track', intervals.map((i) => h('button.timeline-segment', {
    type: 'button', class: 'segment-' + i.status, 'aria-label': `${label}, ${seconds(i.start_seconds)}–${seconds(i.end_seconds)} s`,
    title: `${label}: ${seconds(i.start_seconds)}–${seconds(i.end_seconds)} s (${i.status})`,
    dataset: { trackId: String(i.track_id), start: String(i.start_seconds), end: String(i.end_seconds) },
    style: { left: pct(i.start_seconds, length), width: pct(i.end_seconds - i.start_seconds, length) },
    onclick: () => select(i.track_id) })));
}

function person(p, length, select) {
  return h('div.timeline-row', { dataset: { creatorId: String(p.creator_id) } },
    h('div.timeline-label',
      cropImage(trackCrop(p.crop_track_id), { alt: p.name, size: 'sm' }),
      h('div.timeline-name', h('a', { href: `#/creators/${p.creator_id}` }, p.name),
        h('span.muted.small', `${seconds(p.on_screen_seconds)} s on screen`))),
    bar(p.name, p.intervals, length, select));
}

function other(u, length, select) {
  const name = u.candidate_name ? `maybe ${u.candidate_name}` : 'unknown';
  return h('div.timeline-row', { dataset: { trackId: String(u.track_id) } },
    h('div.timeline-label',
      cropImage(trackCrop(u.track_id), { size: 'sm' }),
      h('div.timeline-name', h('span', name, u.similarity !== null ? h('span.muted.small', ' ', score(u.similarity)) : null),
        h('span.small', badge(u.status), ' ', h('span.muted', `${u.sightings}×`)))),
    bar(name, [{ start_seconds: u.start_seconds, end_seconds: u.end_seconds, track_id: u.track_id,
      status: u.status }], length, select));
}

function axis(length) {
  const marks = [0, 0.25, 0.5, 0.75, 1].map((f) => h('span', { style: { left: pct(f * length, length) } },
    time(f * length)));
  return h('div.timeline-row.timeline-axis', { 'aria-hidden': 'true' }, h('div.timeline-label'), h('div.timeline-ticks', marks));
}

/** The timeline of GET /api/videos/{id}/timeline; null when there is nobody to show. */
export function timeline(data, select) {
  const ends = [...data.people.flatMap((p) => p.intervals), ...data.unnamed].map((i) => i.end_seconds);
  const length = data.duration_seconds || Math.max(1, ...ends);
  if (!data.people.length && !data.unnamed.length) return null;
  return h('div.timeline',
    data.people.map((p) => person(p, length, select)),
    data.unnamed.length
      ? h('details.timeline-others#timeline-others', { open: !data.people.length },
        h('summary', `Others (${data.unnamed.length} face track${data.unnamed.length === 1 ? '' : 's'} nobody is named for)`),
        data.unnamed.map((u) => other(u, length, select)))
      : null,
    axis(length));
}
