// Recognition settings: thresholds and how densely videos are sampled, each explained; the API's refusals shown beside the form.

import { get, put } from '../api.js';
import { h, fill, errorBox, toast } from '../dom.js';

const FIELDS = [
  { key: 'match_threshold', label: 'Match threshold', step: '0.01', min: '-1', max: '1', integer: false,
    help: 'A face at least this similar (cosine, −1 to 1) to one of a creator\'s enrolled faces goes to the review '
      + 'queue. Lower finds more appearances, and more strangers to reject.' },
  { key: 'auto_tag_threshold', label: 'Auto-tag threshold', step: '0.01', min: '-1', max: '1', integer: false,
    help: 'A face at least this similar tags its video without review. Keep it above the similarity of the closest '
      + 'lookalikes (about 0.53 with the dev-512 pack) and not below the match threshold.' },
  { key: 'sample_interval_seconds', label: 'Sample every (seconds)', step: '0.1', min: '0.1', max: '3600',
    integer: false,
    help: 'A frame is looked at every this many seconds of video (0.1 to 3600). Someone on screen for less than '
      + 'about twice this may be missed; halving it doubles the detection work per video.' },
  { key: 'min_frames_per_video', label: 'Frames per video, at least', step: '1', min: '1', max: '1000', integer: true,
    help: 'A clip too short for this many frames at the interval gets this many, spread evenly (1 to 1000).' },
  { key: 'max_frames_per_video', label: 'Frames per video, at most', step: '1', min: '1', max: '100000', integer: true,
    help: 'A video so long that the interval would give more frames gets this many, the interval widened evenly '
      + '(3,600 is two hours at one frame every 2 s).' },
  { key: 'min_det_score', label: 'Minimum detection score', step: '0.05', min: '0', max: '1', integer: false,
    help: 'Faces the detector is less sure of than this (0 to 1) are ignored: hands, patterns, posters.' },
  { key: 'min_face_size', label: 'Minimum face size (px)', step: '1', min: '0', integer: true,
    help: 'Faces narrower than this many pixels are ignored: too small to recognise reliably.' },
];

export async function render(main) {
  const config = await get('/api/config');
  const inputs = {};
  const error = h('div.form-error#settings-error', { role: 'alert' });
  const saved = h('span.ok-text#settings-saved', { role: 'status' });
  const save = h('button.primary.needs-admin#save-settings', { type: 'submit' }, 'Save');

  const form = h('form.card.settings#settings-form', { novalidate: true },
    FIELDS.map((f) => {
      inputs[f.key] = h('input', { id: 'setting-' + f.key, name: f.key, type: 'number', step: f.step, min: f.min,
        max: f.max, value: String(config[f.key]), inputmode: f.integer ? 'numeric' : 'decimal', 'aria-describedby': 'help-' + f.key });
      return h('div.setting', { dataset: { key: f.key } },
        h('label', { for: 'setting-' + f.key }, f.label, h('code.small.muted', ' ', f.key)),
        inputs[f.key],
        h('p.help.small', { id: 'help-' + f.key }, f.help));
    }),
    h('p.small.muted', 'Changes apply to faces matched from now on. Faces already stored keep their status until their ',
      'video is reprocessed; enrolling a creator rematches the waiting faces with the new thresholds.'),
    error,
    h('div.actions', save, saved));

  const mark = (message) => {
    for (const f of FIELDS) {
      const wrong = message && message.includes(f.key);
      inputs[f.key].toggleAttribute('aria-invalid', Boolean(wrong));
      inputs[f.key].closest('.setting').classList.toggle('invalid', Boolean(wrong));
    }
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    saved.textContent = '';
    mark(null);
    const body = {};
    for (const f of FIELDS) {
      const raw = inputs[f.key].value.trim();
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value) || (f.integer && !Number.isInteger(value))) {
        const message = `${f.key} must be ${f.integer ? 'a whole number' : 'a number'}`;
        error.textContent = message;
        mark(message);
        inputs[f.key].focus();
        return;
      }
      body[f.key] = value;
    }
    save.disabled = true;
    try {
      const updated = await put('/api/config', body);
      FIELDS.forEach((f) => { inputs[f.key].value = String(updated[f.key]); });
      saved.textContent = '✓ Saved';
      toast('Settings saved');
    } catch (err) {
      error.textContent = err.message;
      mark(err.message);
    } finally {
      save.disabled = false;
    }
  });

  fill(main, h('div.page-head', h('h1', 'Settings')),
    h('p.muted', 'How faces are matched to creators. Similarities are cosine similarities between face embeddings: ',
      '1 is the same picture, around 0 unrelated people.'),
    form);
}
