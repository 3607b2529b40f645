// The scheduler's REST API, answered as JSON; errors are RFC 9457 problems whose `detail` says what went wrong.
// Lists come a page at a time: {items, total, limit, offset}. Signed in by the session cookie; every
// state-changing call carries the CSRF token the scheduler put in the XSRF-TOKEN cookie, as the X-XSRF-TOKEN
// header. A lapsed session leads back to the sign-in page.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The CSRF header for a state-changing request: the XSRF-TOKEN cookie's value. */
export function csrfHeaders() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? { 'X-XSRF-TOKEN': decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) } : {};
}

export async function api(path, { method = 'GET', json, form } = {}) {
  const init = { method, headers: { Accept: 'application/json, application/problem+json',
    ...(method === 'GET' ? {} : csrfHeaders()) } };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (form) {
    init.body = form;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'The scheduler cannot be reached: ' + e.message);
  }
  if (response.status === 401) {
    location.assign('/sign-in.html');
    throw new ApiError(401, 'Signed out: sign in again.');
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && (body.detail || body.title)) || text || response.statusText);
  }
  return body;
}

export async function signOut() {
  await fetch('/sign-out', { method: 'POST', headers: csrfHeaders() });
  location.assign('/sign-in.html');
}

export const get = (path) => api(path);
export const post = (path, json) => api(path, { method: 'POST', json });
export const put = (path, json) => api(path, { method: 'PUT', json });
export const patch = (path, json) => api(path, { method: 'PATCH', json });
export const del = (path) => api(path, { method: 'DELETE' });

export const trackCrop = (id) => `/api/tracks/${id}/crop.jpg`;
export const creatorFaceCrop = (creatorId, faceId) => `/api/creators/${creatorId}/faces/${faceId}/crop.jpg`;
export const photoImage = (creatorId, photoId) => `/api/creators/${creatorId}/photos/${photoId}/image`;

/** Every creator's first few enrolled faces with a crop: Map creator id -> [face]. */
export async function referenceFaces(perCreator = 3) {
  const faces = await get(`/api/creators/faces?per_creator=${perCreator}`);
  const byCreator = new Map();
  for (const face of faces.items) {
    if (!byCreator.has(face.creator_id)) {
      byCreator.set(face.creator_id, []);
    }
    byCreator.get(face.creator_id).push(face);
  }
  return byCreator;
}
