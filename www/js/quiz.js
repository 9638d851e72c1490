// Teacher mode: the values a lesson hides, the box in which the student answers, and
// what else must keep quiet until then. A hidden value appears nowhere on the page —
// not in its output, the code export, a cross-check's words or a later step's inputs —
// until the student has answered it right or asked for it.
import { fromHex, groupedHex } from './bytes.js';
import { el } from './dom.js';
import { answerMatches } from './lesson.js';
import { hiddenValues, HIDDEN_TEXT } from './exchange.js';

/**
 * The hidden values of one playground: `ask(output, kind, label)` hides an output of a
 * kind ("secret", "prk", "okm") and adds its quiz; `concealed(kind)` is true while any
 * output of that kind is still hidden; `onReveal` is called after each answer given or
 * shown, so that the tools can show what they held back. `onProgress({ total, right,
 * shown })`, if given, hears how the quizzes stand after each answer and when
 * `progress()` is called (the single file reports it to an LMS, scorm.js).
 */
export function hiddenAnswers({ onReveal, onProgress }) {
  const open = new Map();
  const tally = { total: 0, right: 0, shown: 0 };
  const progress = () => onProgress?.({ ...tally });
  const ask = (output, kind, label) => {
    if (!open.has(kind)) open.set(kind, new Set());
    open.get(kind).add(output);
    tally.total += 1;
    quiz(output, label, (how) => {
      open.get(kind).delete(output);
      tally[how] += 1;
      onReveal();
      progress();
    });
  };
  return { ask, concealed: (kind) => (open.get(kind)?.size ?? 0) > 0, progress };
}

/**
 * Hides an output and asks the student for it. Its value stays in `hiddenValues` (out
 * of the DOM) so the check can compare. A right answer, or "Show answer", puts the value
 * back in the output and calls `revealed('right')` or `revealed('shown')`.
 */
function quiz(output, label, revealed) {
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
  const show = () => {
    output.classList.remove('answer-hidden');
    output.textContent = groupedHex(fromHex(hiddenValues.get(output) ?? ''));
  };
  check.addEventListener('click', () => {
    const right = answerMatches(input.value, hiddenValues.get(output) ?? '');
    verdict.textContent = right ? '✓ Correct.' : '✗ Not yet: compute it again and compare.';
    verdict.className = `quiz-verdict ${right ? 'ok' : 'bad'}`;
    if (!right) return;
    // Answered: the value is the student's now. Only the verdict stays.
    show();
    box.replaceChildren(verdict);
    // The buttons are gone: keep the keyboard where the answer was.
    verdict.tabIndex = -1;
    verdict.focus();
    revealed('right');
  });
  reveal.addEventListener('click', () => {
    show();
    box.remove();
    revealed('shown');
  });
  output.after(box);
}
