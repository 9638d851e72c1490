// The TLS pages' reference runs, for the browser tests that check what a page shows or
// prints: the options the page says it used (its settings and the randoms and keys it
// shows), and the model called in the page with them.

/** What both TLS pages show of a run's inputs: the randoms, keys and lesson switches. */
export function shownInputs(page) {
  return page.evaluate(() => {
    const value = (id) => document.getElementById(id).textContent;
    return {
      group: document.getElementById('group').value,
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

/** The options the TLS 1.3 page says it used: the client offers its guess first, then the others. */
export async function pageOptions(page) {
  const guess = await page.locator('#guess').inputValue();
  return {
    ...await shownInputs(page),
    clientGroups: [guess, ...['x25519', 'secp256r1', 'X25519MLKEM768'].filter((g) => g !== guess)],
  };
}

/** `name` (tls13Handshake, tls12Handshake, tls13KeyScheduleDiagram) called in the page. */
export function api(page, name, options) {
  return page.evaluate(async ([n, o]) => {
    const wasm = await import('/pkg/ecdh_playground.js');
    await wasm.default();
    return wasm[n](o);
  }, [name, options]);
}

/** The TLS 1.3 page's run: its options, and tls13Handshake's report for them. */
export async function reference(page) {
  const options = await pageOptions(page);
  return { options, report: await api(page, 'tls13Handshake', options) };
}
