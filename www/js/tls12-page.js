// The TLS 1.2 page: mounts the walk-through in <main>.
import { mountTls12 } from './tls12.js';

mountTls12(document.getElementById('main')).then(() => {
  document.body.dataset.ready = 'true';
});
