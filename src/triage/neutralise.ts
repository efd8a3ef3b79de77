// Nothing in log data may speak to the model as a role or hide from the reader: chat-template markers of the
// common model families are defused, and invisible characters (terminal escapes, C0/C1 controls, bidi overrides,
// zero-width and tag characters, line/paragraph separators) are removed or replaced.

// ANSI CSI/OSC sequences and two-character escapes.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
/** Bidi controls (embeddings, overrides, isolates, marks): they reorder what a reader sees. */
export const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// C0/C1 controls except tab and newline; zero-width and invisible formatting; Unicode tag characters (invisible
// ASCII look-alikes used to smuggle instructions).
const INVISIBLE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]|\udb40[\udc00-\udc7f]/g;
/** U+2028/U+2029 end a line for some tokenizers and renderers but not for others. */
const SEPARATORS = /[\u2028\u2029\u0085]/g;

/** Removes terminal escapes, bidi controls and invisible characters; line/paragraph separators become newlines. */
export function stripInvisible(s: string): string {
  // Almost every log line is plain printable text: one test avoids four replace passes.
  if (
    !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u0085\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\udb40]/.test(
      s
    )
  ) {
    return s;
  }
  return s.replace(ANSI, '').replace(SEPARATORS, '\n').replace(BIDI, '').replace(INVISIBLE, '');
}

/** Bidi controls removed: for anything shown to a person (facts, the model's answer). */
export function stripBidi(s: string): string {
  return s.replace(BIDI, '');
}

// Special-token spellings of the common chat templates. `<|…|>` covers ChatML/Qwen (`<|im_start|>`), Llama 3
// (`<|start_header_id|>`, `<|eot_id|>`), Phi, GPT-OSS harmony, Command R, Granite; `<｜…｜>` DeepSeek's full-width
// form; Gemma's `<start_of_turn>`/`<end_of_turn>`; Llama 2/Mistral `[INST]`, `<<SYS>>`, `<s>`, `</s>` and Mistral's
// newer `[SYSTEM_PROMPT]`, `[TOOL_CALLS]`, …; tool and reasoning tags (`<tool_call>`, `<think>`); GLM's `[gMASK]`, `<sop>`.
const ANGLE_MARKERS =
  /<(\/?)(\|[^|<>\n]{1,48}\||｜[^｜<>\n]{1,48}｜|(?:start|end)_of_(?:turn|text|role)|bos|eos|pad|unk|s|sop|eop|tool_call|tool_response|tool_calls|think|thinking|function_calls?|im_start|im_end|\|?endoftext\|?)>/gi;
const SQUARE_MARKERS =
  /\[(\/?)(INST|SYS|SYSTEM_PROMPT|AVAILABLE_TOOLS|TOOL_CALLS|TOOL_RESULTS|TOOL_CONTENT|THINK|gMASK|sMASK|MASK|BOS|EOS|PAD|UNK|CLS|SEP)\]/g;
const LLAMA2_SYS = /<<(\/?)SYS>>/g;

/**
 * Defuses chat-template markers so a tokenizer cannot read them as control tokens: the brackets become look-alikes
 * (`<|im_start|>` → `‹|im_start|›`, `[INST]` → `［INST］`); the text stays readable.
 */
export function neutraliseForModel(s: string): string {
  if (!/[<[]/.test(s)) {
    return s;
  }
  MARKERS.lastIndex = 0;
  return MARKERS.test(s)
    ? s.replace(LLAMA2_SYS, '‹‹$1SYS››').replace(ANGLE_MARKERS, '‹$1$2›').replace(SQUARE_MARKERS, '［$1$2］')
    : s;
}

/** Any marker at all: most lines with `<` or `[` hold none, and one test spares them three replacements. */
const MARKERS = new RegExp(`${LLAMA2_SYS.source}|${ANGLE_MARKERS.source}|${SQUARE_MARKERS.source}`, 'i');

/** Everything done to text that reaches the model or a reader: invisible characters out, markers defused. */
export function neutralise(s: string): string {
  return neutraliseForModel(stripInvisible(s));
}
