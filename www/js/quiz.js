// Teacher mode: an output the lesson hides, and the box in which the student answers.
import { fromHex, groupedHex } from './bytes.js';
import { el } from './dom.js';
import { answerMatches } from './lesson.js';
import { hiddenValues, HIDDEN_TEXT } from './exchange.js';

/**
 * Teacher mode: hides an output and asks the student for it. Its value stays in
 * `hiddenValues` so the check can compare; "Show answer" reveals it.
 */
export function quiz(byId, output, label) {
  output.classList.add('answer-hidden');
  output.textContent = HIDDEN_TEXT;
  const id = `${output.id}-answer`;
  const input = el('input', { attrs: { type: 'text', id, autocomplete: 'off', spellcheck: 'false' } });
  const check = el('button', { text: 'Check my answer', attrs: { type: 'button' } });
  const reveal = el('button', { text: 'Show answer', attrs: { type: 'button' } });
  const verdict = el('p', { cls: 'quiz-verdict', attrs: { 'aria-live': 'polite' } });
  const box = el('div', {
    cls: 'quiz',
    children: [el('label', { text: `Your answer: ${label} (hex)`, attrs: { for: id } }), input, check, reveal, verdict],
  });
  check.addEventListener('click', () => {
    const right = answerMatches(input.value, hiddenValues.get(output) ?? '');
    verdict.textContent = right ? '✓ Correct.' : '✗ Not yet: compute it again and compare.';
    verdict.className = `quiz-verdict ${right ? 'ok' : 'bad'}`;
  });
  reveal.addEventListener('click', () => {
    output.classList.remove('answer-hidden');
    output.textContent = groupedHex(fromHex(hiddenValues.get(output) ?? ''));
    box.remove();
  });
  output.after(box);
}
