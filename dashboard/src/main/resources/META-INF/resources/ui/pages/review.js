// The review queue: pending faces, largest and most confident first, each beside its candidate's reference faces.
// Confirm (C), not this person (R), assign to another creator (A), previous / next (← →); no page reload.

import { get, post, trackCrop, creatorFaceCrop, referenceFaces } from '../api.js';
import { h, fill, errorBox, basename, time, score, toast, cropImage, seen } from '../dom.js';
import { refreshReviewCount } from '../shell.js';
import { creatorPicker } from '../creator-picker.js';

const LIMIT = 50;

export async function render(main) {
  let items = [];
  let index = 0;
  let faces = new Map();
  let total = 0;
  let busy = false;

  const count = h('span.count#review-count');
  const card = h('div#review-current');
  const strip = h('div.queue-strip#review-strip');
  const log = h('ul.decision-log#decision-log');

  const refs = (creatorId, size = 'md') => {
    const own = faces.get(creatorId) || [];
    return own.length
      ? own.map((f) => cropImage(creatorFaceCrop(creatorId, f.id), { size }))
      : h('span.muted.small', 'no reference faces');
  };

  const load = async () => {
    const [queue] = await Promise.all([get(`/api/review?limit=${LIMIT}`),
      referenceFaces(4).then((byCreator) => { faces = byCreator; })]);
    items = queue.items;
    total = queue.total;
    index = Math.min(index, Math.max(0, items.length - 1));
    draw();
  };

  const decide = async (action, creatorId, decidedName) => {
    const item = items[index];
    if (!item || busy) return;
    busy = true;
    card.classList.add('deciding');
    try {
      // Confirm and reject name the creator shown: a rematch may have moved the face on since the page loaded.
      const shown = creatorId || (item.current && item.current.creator_id);
      const body = shown ? { creator_id: shown } : undefined;
      const decision = await post(`/api/review/${item.track_id}/${action}`, body);
      const who = (id) => (item.candidates.find((c) => c.creator_id === id) || {}).name || decidedName
        || 'creator ' + id;
      const message = action === 'reject'
        ? `Not ${item.current ? item.current.name : 'them'}` + (decision.match_status === 'pending'
          ? ` — now suggested as ${who(decision.creator_id)}` : ' — left unmatched')
        : `${action === 'assign' ? 'Assigned to' : 'Confirmed as'} ${who(decision.creator_id)}`;
      log.prepend(h('li', h('img', { src: trackCrop(item.track_id), alt: '' }), message));
      while (log.children.length > 6) log.lastChild.remove();
      toast(message);
      await load();
      refreshReviewCount();
    } catch (err) {
      toast(err.message, 'error');
      await load().catch(() => {});
    } finally {
      busy = false;
      card.classList.remove('deciding');
    }
  };

  const move = (step) => {
    if (!items.length) return;
    index = (index + step + items.length) % items.length;
    draw();
  };

  function draw() {
    count.textContent = total.toLocaleString();
    if (!items.length) {
      fill(card, h('div.card.empty-queue', h('p.big', 'Nothing to review.'),
        h('p.muted', 'Faces whose best match lies between the match threshold and the auto-tag threshold wait here ',
          'for a person to decide. ', h('a', { href: '#/settings' }, 'Thresholds'), ' · ', h('a', { href: '#/videos' }, 'Videos'))));
      fill(strip);
      return;
    }
    const item = items[index];
    const [x1, y1, x2, y2] = item.bbox;
    const current = item.current;
    const others = item.candidates.filter((c) => !current || c.creator_id !== current.creator_id);
    const assign = creatorPicker({ id: 'assign-creator', label: 'Assign to creator', placeholder: 'Someone else…' });
    const assignTyped = async () => {
      const creatorId = await assign.choice();
      if (creatorId) decide('assign', creatorId, assign.input.value.trim());
      else if (assign.input.value.trim()) toast(`No creator is called “${assign.input.value.trim()}”`, 'error');
      else assign.input.focus();
    };
    assign.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        assignTyped();
      } else if (e.key === 'Escape') {
        assign.input.blur();
      }
    });
    const assignButton = h('button.needs-reviewer#assign-button', { type: 'button', onclick: assignTyped },
      'Assign ', h('kbd', 'A'));

    fill(card, h('div.review-card.card', { dataset: { trackId: String(item.track_id) } },
      h('div.review-face',
        h('img.face-large', { src: trackCrop(item.track_id), alt: 'Face to review' }),
        h('div.small.muted', h('a', { href: `#/videos/${item.video_id}?face=${item.track_id}` }, basename(item.video_path)),
          ' at ', time(item.frame_timestamp)),
        h('div.small.muted#review-seen', seen(item)),
        h('div.small.muted', `${Math.round(x2 - x1)}×${Math.round(y2 - y1)} px · detector ${score(item.det_score)}`),
        h('div.small.muted', `${index + 1} of ${total.toLocaleString()}`)),
      h('div.review-candidate',
        current
          ? [h('h2#candidate-name', 'Is this ', h('a', { href: `#/creators/${current.creator_id}` }, current.name), '?'),
            h('div.similarity', h('span', 'similarity ', h('strong', score(current.similarity))),
              h('div.meter', h('div', { style: { width: Math.max(0, Math.min(100, current.similarity * 100)) + '%' } }))),
            h('div.face-strip.ref-faces', refs(current.creator_id, 'lg'))]
          : h('h2', 'Who is this?'),
        h('div.actions.decide',
          h('button.primary.confirm.needs-reviewer#confirm-button', { type: 'button', disabled: !current, onclick: () => decide('confirm') },
            '✓ Confirm ', h('kbd', 'C')),
          h('button.danger.needs-reviewer#reject-button', { type: 'button', disabled: !current, onclick: () => decide('reject') },
            '✗ Not this person ', h('kbd', 'R'))),
        h('div.assign.needs-reviewer', assign.element, assignButton),
        others.length ? h('div.others', h('h3', 'Other candidates'), others.map((c) => h('div.other-candidate',
          h('div', h('strong', c.name), h('span.muted.small', ' ', score(c.similarity))),
          h('div.face-strip', refs(c.creator_id, 'sm')),
          h('button.small-button.needs-reviewer', { type: 'button', onclick: () => decide('assign', c.creator_id) }, 'This one')))) : null)));

    fill(strip, items.map((it, i) => h('button.strip-item', { type: 'button', class: i === index ? 'current' : '',
      title: it.current ? `${it.current.name}? ${score(it.current.similarity)}` : 'unknown',
      onclick: () => { index = i; draw(); } }, h('img', { src: trackCrop(it.track_id), alt: '', loading: 'lazy' }))));
  }

  const onKey = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
    const key = e.key.toLowerCase();
    if (key === 'c') decide('confirm');
    else if (key === 'r') decide('reject');
    else if (key === 'a') {
      const input = document.getElementById('assign-creator');
      if (input) input.focus();
    } else if (key === 'arrowright' || key === 'j') move(1);
    else if (key === 'arrowleft' || key === 'k') move(-1);
    else return;
    e.preventDefault();
  };
  document.addEventListener('keydown', onKey);

  fill(main,
    h('div.page-head', h('h1', 'Review ', count),
      h('p.keys.small.muted', h('kbd', 'C'), ' confirm · ', h('kbd', 'R'), ' not this person · ', h('kbd', 'A'),
        ' assign · ', h('kbd', '←'), h('kbd', '→'), ' previous / next')),
    card, strip, h('section.review-log', h('h3', 'Just decided'), log));
  try {
    await load();
  } catch (err) {
    fill(card, errorBox(err.message));
  }
  return () => document.removeEventListener('keydown', onKey);
}
