import { annotation, finding, hasLink, quote, withoutLinks, type Check } from './check';

// Words that name no step: a sentence made only of these (and filler) tells the reader nothing to do. Waiting,
// acknowledging, looking and escalating are not steps either: the creed's operator has nobody to escalate to.
const VAGUE_WORDS = new Set(
  [
    'investigate investigation check checking look looking into at it tbd todo to do n/a na none fix escalate ask',
    'someone see runbook wiki docs documentation dashboard handle monitor monitoring review debug follow up',
    'troubleshoot verify acknowledge ack acknowledged wait watch observe contact notify inform team oncall on-call',
    'admin administrator sre ops owner responsible person report',
  ]
    .join(' ')
    .split(' ')
);
const FILLER = new Set(
  [
    'the a an this that issue problem alert please and or logs log further if needed required then it service',
    'system situation for of on in is be with until it resolves resolved itself persists continues again',
  ]
    .join(' ')
    .split(' ')
);
const NOTHING_TO_DO = /^\s*(no|nothing)\b.*\b(action|to do|needed|required)\b|^\s*(none|n\/a|nothing)\s*[.!]?\s*$/i;
const TEMPLATE = /\{\{[\s\S]*?\}\}/g;
const HAS_TEMPLATE = /\{\{[\s\S]*?\}\}/;
// `{{ $labels }}`, `{{ .Labels }}` print every label: a dump, not a pointer to what to do.
const LABEL_DUMP = /\{\{-?\s*(\$labels|\.Labels)\s*-?\}\}/;
const MIN_CHARS = 15;
const MIN_WORDS = 3;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/n\/a/g, 'na')
    .split(/[^\p{L}\p{N}_./-]+/u)
    .map((w) => w.replace(/^[.\-/]+|[.\-/]+$/g, ''))
    .filter(Boolean);
}

function templateOnly(text: string): string | undefined {
  if (!HAS_TEMPLATE.test(text)) {
    return undefined;
  }
  const rest = text.replace(TEMPLATE, ' ');
  if (words(rest).length === 0) {
    return LABEL_DUMP.test(text) ? 'it is only a dump of the labels' : 'it is only template output';
  }
  const meaningful = words(rest).filter((w) => !FILLER.has(w));
  if (LABEL_DUMP.test(text) && meaningful.every((w) => VAGUE_WORDS.has(w))) {
    return 'it points at a dump of the labels, not at a step';
  }
  return undefined;
}

/** Why an action text is not a step, or undefined when it reads like one. */
export function vagueReason(text: string): string | undefined {
  if (text.trim() === '') {
    return 'it is empty';
  }
  const noLinks = withoutLinks(text);
  if (noLinks === '' || /^(see|read|open|follow)?\s*:?$/i.test(noLinks)) {
    return 'it is only a link';
  }
  if (NOTHING_TO_DO.test(noLinks)) {
    return 'it says there is nothing to do (then it should not be an alert)';
  }
  const templated = templateOnly(noLinks);
  if (templated) {
    return templated;
  }
  const plain = noLinks.replace(TEMPLATE, ' ');
  const ws = words(plain);
  const meaningful = ws.filter((w) => !FILLER.has(w));
  if (meaningful.length === 0 || meaningful.every((w) => VAGUE_WORDS.has(w))) {
    return 'it is a placeholder, not a step';
  }
  if (plain.trim().length < MIN_CHARS || ws.length < MIN_WORDS) {
    return hasLink(text) ? 'beyond its link it is too short to be a step' : 'it is too short to be a step';
  }
  return undefined;
}

/** `action/vague`: the action annotation exists but is empty, a placeholder, too short, or only a link. */
export const actionVague: Check = {
  id: 'action/vague',
  title: 'Vague action',
  run(rule, ctx) {
    const name = ctx.review.actionAnnotation;
    const text = annotation(rule, name);
    if (rule.kind !== 'alerting' || text === undefined) {
      return undefined;
    }
    // Rule files repeat action texts (one per team or template): judge each text once per review.
    const reason = ctx.cache.memo('action/vague', text, vagueReason);
    if (!reason) {
      return undefined;
    }
    return finding(
      'action/vague',
      'bug',
      `The "${name}" annotation is not a step: ${reason}.`,
      [`${name}: ${quote(text)}`],
      'Write the first concrete step: which host, which command (e.g. "SSH to spark-host, run: systemctl status vllm.service"). If there is nothing to do, retire the rule.'
    );
  },
};
