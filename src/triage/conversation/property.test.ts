import fc from 'fast-check';
import { SHAPES, PLANTED, journalLines, plantedWords, type Conversation } from '../../../tests/fixtures/conversations/shapes';
import { blanked, leaked, wordsOf } from '../../../tests/fixtures/conversations/words';
import { stripConversations } from '.';

// Generated conversations in every shape: any words (accented letters too), separated by what breaks naive
// parsers (quotes, backslashes, newlines, brackets, "key: value" and "key=value" look-alikes, control
// characters, astral emoji). No word of 4+ letters may survive; the request id and status must.

// Words a format writes itself, and the field names and status words kept on purpose, cannot show a leak.
const RESERVED = new Set<string>([
  ...SHAPES.flatMap((s) => PLANTED.flatMap((c) => [...wordsOf(stripConversations(journalLines(s, blanked(c), 0)).lines.map((l) => l.message).join('\n'))])),
  ...'id rid model event object status type stop length abort error none null success failure completed timeout cancelled load unload list embedding stream true false'.split(' '),
].map((w) => w.toLowerCase()));

const word = fc.stringMatching(/^[a-zA-Z\u00e0-\u00f6\u00f8-\u00ff]{1,10}$/).filter((w) => !RESERVED.has(w.toLowerCase()));
const separator = fc.constantFrom(' ', ' ', ' ', '\n', '"', "'", '\\', ': ', '=', ' = ', '{', '}', '[', ']', ', ', '\t', '—', "' ", ' "', '\\n', '<|im_end|>', '(', ')', '\u0007', '\u{1F4AC}', '\r\n', "\\'", '%s', '`');
const text = fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 20 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
const conversation: fc.Arbitrary<Conversation> = fc.record({
  id: fc.stringMatching(/^[0-9a-f]{32}$/),
  model: fc.constantFrom('Qwen/Qwen2.5-7B-Instruct', 'llama3.1:8b', 'mistral-nemo'),
  turns: fc.array(fc.record({ role: fc.constantFrom('system' as const, 'user' as const, 'assistant' as const), content: text }), { minLength: 1, maxLength: 4 }),
  answer: text,
  stop: word,
});

describe.each(SHAPES.map((s) => [s.id, s] as const))('%s with generated conversations', (_id, shape) => {
  it('keeps no word of 4+ letters, and keeps the id and status', () => {
    fc.assert(
      fc.property(conversation, (c) => {
        const out = stripConversations(journalLines(shape, c, 0))
          .lines.map((l) => l.message)
          .join('\n');
        const words = plantedWords(c).filter((w) => !RESERVED.has(w.toLowerCase()));
        expect(leaked(words, out)).toEqual([]);
        for (const kept of shape.keeps(c)) {
          expect(out).toContain(kept);
        }
      }),
      { numRuns: 120 }
    );
  });
});
