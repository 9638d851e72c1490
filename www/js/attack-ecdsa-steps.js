// The ECDSA nonce-reuse recovery shown step by step, from the crate's
// nonceReuseRecovery: for the live attack and for pasted signatures.
import { el } from './dom.js';
import { valueList, step } from './attack-view.js';

/**
 * The recovery, step by step, from nonceReuseRecovery's result, as an <ol>; `victimKey`
 * (raw hex) is set beside the recovered d when known.
 */
export function recoverySteps(r, victimKey = null) {
  const same = victimKey === null ? null : victimKey === r.d;
  return el('ol', {
    cls: 'attack-steps',
    children: [
      step('The same r in both signatures: the same nonce k was used twice.', valueList([['r', r.r]])),
      step('Hash both messages (SHA-256, as a number mod n).', valueList([['z1', r.z1], ['z2', r.z2]])),
      step(r.s2Negated
        ? 'The two s values. One signature had been normalised to low s, so the second is negated (n − s2) to match the first.'
        : 'The two s values: s = k⁻¹·(z + r·d) mod n for each.', valueList([['s1', r.s1], [r.s2Negated ? 's2 (negated)' : 's2', r.s2]])),
      step('Subtract one from the other: d cancels, and k = (z1 − z2) / (s1 − s2) mod n.', valueList([['k', r.k, { cls: 'mono bad' }]])),
      step('Then d = (s1·k − z1) / r mod n: the private key.', valueList([
        ['d (recovered)', r.d, { cls: 'mono bad' }],
        ...(same === null ? [] : [['d (the victim\'s, for comparison)', `${victimKey} ${same ? '— the same' : '— different'}`, { cls: same ? 'mono ok' : 'mono bad' }]]),
      ])),
      step('The key as PKCS#8 PEM, checked against the victim\'s public key.', el('pre', { cls: 'bytes', attrs: { tabindex: '0', 'aria-label': 'The recovered private key (PEM)' }, text: r.privateKey })),
    ],
  });
}
