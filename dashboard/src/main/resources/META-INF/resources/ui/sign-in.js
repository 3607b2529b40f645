// The sign-in page: posts the name and password with the CSRF token, then opens the dashboard.

import { csrfHeaders } from './api.js';

const form = document.getElementById('sign-in');
const error = document.getElementById('sign-in-error');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  const response = await fetch('/sign-in', {
    method: 'POST',
    headers: csrfHeaders(),
    body: new URLSearchParams(new FormData(form)),
  });
  if (response.ok) {
    location.replace('/');
  } else {
    error.textContent = response.status === 401 ? 'Wrong user name or password.' : `Sign-in failed (${response.status}).`;
  }
});
