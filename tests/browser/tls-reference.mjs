// The TLS 1.3 page's reference run, for the browser tests that check what the page
// shows or prints: the options the page says it used (its settings and the randoms and
// keys it shows), and the model called in the page with them.
/** The options the page says it used: its settings and the randoms and keys it shows. */
export function pageOptions(page) {
  return page.evaluate(() => {
    const value = (id) => document.getElementById(id).textContent;
    const guess = document.getElementById('guess').value;
    return {
      group: document.getElementById('group').value,
      clientGroups: [guess, ...['x25519', 'secp256r1', 'X25519MLKEM768'].filter((g) => g !== guess)],
      clientRandom: value('in-client-random'),
      serverRandom: value('in-server-random'),
      clientEphemeral: value('in-client-ephemeral'),
      serverEphemeral: value('in-server-ephemeral'),
      serverIdentity: value('in-server-identity'),
      mallory: document.querySelector('input[name="mallory"]:checked').value,
      malloryEphemeral: value('in-mallory-ephemeral'),
      malloryIdentity: value('in-mallory-identity'),
      staticServerKey: document.getElementById('static-key').checked,
      message: document.getElementById('message').value,
      leakIdentity: document.getElementById('leak').checked,
    };
  });
}

/** `name` (tls13Handshake, tls12Handshake, tls13KeyScheduleDiagram) called in the page. */
export function api(page, name, options) {
  return page.evaluate(async ([n, o]) => {
    const wasm = await import('/pkg/ecdh_playground.js');
    await wasm.default();
    return wasm[n](o);
  }, [name, options]);
}

export async function reference(page) {
  const options = await pageOptions(page);
  return { options, report: await api(page, 'tls13Handshake', options) };
}
