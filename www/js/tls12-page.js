// The TLS 1.2 page: mounts the walk-through in <main>.
import { mountTls12 } from './tls12.js';
import { readSettings } from './lesson.js';

mountTls12(document.getElementById('main'), readSettings(window.location.href)).then(() => {
  document.body.dataset.ready = 'true';
});
