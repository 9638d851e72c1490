// The attack lab's page, as markup: each section's account of the system it broke and
// the place its interactive part is mounted (attacks-mount.js), for the site's
// attacks.html and the single file's ?view=attacks.
export const MARKUP = `
    <h2>Attack lab</h2>
    <p>The playground tells you to validate peer keys and never to reuse a nonce. Here is what happens when someone doesn't: each attack below broke a deployed system. Run it, then switch the check on and watch it fail.</p>
    <p class="status" id="attacks-status" role="status">Loading the WebAssembly module…</p>

    <section id="invalid-curve" class="attack" aria-labelledby="invalid-curve-title">
      <h2 id="invalid-curve-title">1. Invalid-curve attack on P-256 ECDH</h2>
      <p class="broke">Broke: TLS-ECDH servers in several Java libraries that skipped the on-curve check, whose long-term keys were recovered query by query (Jager, Schwenk and Somorovsky, 2015).</p>
      <div data-attack-mount="invalid-curve"></div>
    </section>

    <section id="low-order" class="attack" aria-labelledby="low-order-title">
      <h2 id="low-order-title">2. X25519 low-order points</h2>
      <p class="broke">Broke: TLS channel bindings, when the triple handshake attack forced two connections onto one secret with Diffie–Hellman values of tiny order (Bhargavan, Delignat-Lavaud, Fournet, Pironti and Strub, 2014); that is why RFC 7748 §6.1 (2016) has X25519 users check for the all-zero output.</p>
      <div data-attack-mount="low-order"></div>
    </section>

    <section id="nonce-reuse-ecdsa" class="attack" aria-labelledby="nonce-reuse-ecdsa-title">
      <h2 id="nonce-reuse-ecdsa-title">3. ECDSA nonce reuse</h2>
      <p class="broke">Broke: the PlayStation 3, whose firmware was signed with the same nonce every time, so that anyone could compute Sony's signing key (fail0verflow, 2010).</p>
      <div data-attack-mount="nonce-reuse-ecdsa"></div>
    </section>

    <section id="nonce-reuse-gcm" class="attack" aria-labelledby="nonce-reuse-gcm-title">
      <h2 id="nonce-reuse-gcm-title">4. AES-GCM nonce reuse</h2>
      <p class="broke">Broke: live HTTPS servers that repeated AES-GCM nonces, found by scanning the internet, which let an attacker read and forge traffic (Böck, Zauner, Devlin, Somorovsky and Jovanovic, 2016).</p>
      <div data-attack-mount="nonce-reuse-gcm"></div>
    </section>
    <p class="visually-hidden" id="announcer" aria-live="polite"></p>
`;
