import { annotation, finding, hasLink, quote, withoutLinks, type Check } from './check';

// Words that name no step: a sentence made only of these (and filler) tells the reader nothing to do.
const VAGUE_WORDS = new Set(
  'investigate investigation check checking look into at it tbd todo to do n/a na none fix escalate ask someone see runbook wiki docs documentation dashboard handle monitor review debug follow up troubleshoot verify'.split(
    ' '
  )
);
const FILLER = new Set(
  'the a an this that issue problem alert please and or logs log further if needed required then it service system situation'.split(
    ' '
  )
);
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

/** Why an action text is not a step, or undefined when it reads like one. */
export function vagueReason(text: string): string | undefined {
  return judge(text);
}

function judge(text: string): string | undefined {
  if (text.trim() === '') {
    return 'it is empty';
  }
  const noLinks = withoutLinks(text);
  if (noLinks === '' || /^(see|read|open|follow)?\s*:?$/i.test(noLinks)) {
    return 'it is only a link';
  }
  const ws = words(noLinks);
  const meaningful = ws.filter((w) => !FILLER.has(w));
  if (meaningful.length === 0 || meaningful.every((w) => VAGUE_WORDS.has(w))) {
    return 'it is a placeholder, not a step';
  }
  if (noLinks.length < MIN_CHARS || ws.length < MIN_WORDS) {
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
    const reason = ctx.cache.memo('action/vague', text, judge);
    if (!reason) {
      return undefined;
    }
    return finding(
      'action/vague',
      'bug',
      `The "${name}" annotation is not a step: ${reason}.`,
      [`${name}: ${quote(text)}`],
      `Rewrite it as the first command or check to run within 30 minutes, e.g. "SSH to spark-host, run: systemctl status vllm.service && journalctl -u vllm.service -n 50".`
    );
  },
};
