// Which fields of a chat/completion request or response carry conversation content, which say "this is one",
// and which few are kept because triage needs them (id, status, model, token counts, timing).
import type { Pair } from './scan';

const set = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Fields whose value is (or decodes back to) what a customer wrote or the model answered. */
export const CONTENT_KEYS = set(`
  prompt prompts messages content contents text input inputs output outputs completion completions choices
  response responses query question answer system instructions suffix delta reasoning reasoning_content
  tool_calls arguments documents context image_data images audio_data video_data template raw_prompt
  prompt_token_ids output_token_ids token_ids input_ids output_ids prompt_embeds input_embeds
`);

/** Fields that by themselves mark a chat/completion payload when their value is a structure. */
const STRONG_KEYS = set('messages choices prompt_token_ids output_token_ids token_ids input_ids output_ids');

/** Fields that show a line is a model request or response, so `input`/`output`/`content` there are content. */
const CONTEXT_KEYS = set(`
  model role messages choices max_tokens max_new_tokens max_completion_tokens temperature top_p top_k min_p
  sampling_params finish_reason stop_reason prompt_tokens completion_tokens total_tokens usage stream rid
  logprobs done_reason eval_count prompt_eval_count chat_template tools tool_choice response_format
  frequency_penalty presence_penalty repetition_penalty system_fingerprint meta_info n_predict num_predict
  prompt_token_ids output_token_ids
`);

const NOT_TEXT = /^(?:-?\d+(?:\.\d+)?|None|null|nil|true|false|True|False)$/;

/** A pair whose value carries content: a string, a structure or a bare word (a number is a length or count). */
export function carriesContent(p: Pair): boolean {
  return CONTENT_KEYS.has(p.key.toLowerCase()) && (p.kind !== 'scalar' || !NOT_TEXT.test(p.value ?? ''));
}

/** True when the pairs of one line are a chat/completion request or response. */
export function isConversationPayload(pairs: Pair[]): Pair | undefined {
  const content = pairs.filter(carriesContent);
  if (content.length === 0) {
    return undefined;
  }
  const strong = content.find((p) => STRONG_KEYS.has(p.key.toLowerCase()) && p.kind === 'struct');
  if (strong) {
    return content[0];
  }
  const context = pairs.some((p) => CONTEXT_KEYS.has(p.key.toLowerCase()));
  return context ? content[0] : undefined;
}

// ---- what is kept ------------------------------------------------------------------------------------------

const ID_KEYS = set('id rid request_id requestid x-request-id call_id litellm_call_id response_id');
const MODEL_KEYS = set('model model_name served_model_name model_group');
const ENUM_KEYS = set('finish_reason done_reason status event object');
const ENUMS = set(`
  stop length abort tool_calls function_call content_filter error eos cancelled timeout load unload success
  failure ok completed in_progress none null request.received request.finished chat.completion
  chat.completion.chunk text_completion embedding list
`);
const COUNT_KEY = /(?:^|_)(?:tokens|count|duration|latency|time|ms|len|length|size|ttft|tpot|itl)$|^(?:n|status_code|images|e2e_latency|elapsed)$/i;

const NUMBER = /^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i;
// Generated ids carry digits; model ids carry a version, a size or an org ("Qwen/Qwen2.5-7B", "llama3.1:8b").
// A plain word is neither, so a word from a payload mis-read as a field is not kept.
const SAFE_ID = /^(?=.*\d)[\w.:@+/-]{1,128}$/;
const SAFE_MODEL = /^(?=.*[\d/:.-])[\w.:@+/-]{1,128}$/;

type Check = (v: string, strict: boolean) => boolean;

function checkFor(key: string, parent: string | undefined): Check | undefined {
  if (ID_KEYS.has(key)) {
    return (v, strict) => !strict && SAFE_ID.test(v);
  }
  if (MODEL_KEYS.has(key)) {
    return (v, strict) => !strict && SAFE_MODEL.test(v);
  }
  // SGLang writes finish_reason as {'type': 'stop', ...}.
  if (ENUM_KEYS.has(key) || (key === 'type' && parent === 'finish_reason')) {
    return (v) => ENUMS.has(v.toLowerCase()) || NUMBER.test(v);
  }
  if (key === 'stream') {
    return (v) => /^(?:true|false)$/i.test(v);
  }
  return COUNT_KEY.test(key) ? (v) => NUMBER.test(v) : undefined;
}

function keptValue(p: Pair, strict: boolean): string | undefined {
  if (p.value === undefined || p.kind === 'struct') {
    return undefined;
  }
  const check = checkFor(p.key.toLowerCase(), p.parents[p.parents.length - 1]);
  return check?.(p.value, strict) ? p.value : undefined;
}

const MAX_KEPT = 10;

// Lists of results: their items' status fields (finish_reason, index) are kept, their text is not.
const RESULT_LISTS = set('choices outputs completions responses');

function insideContent(p: Pair): boolean {
  return p.parents.some((k) => k === '?' || (CONTENT_KEYS.has(k.toLowerCase()) && !RESULT_LISTS.has(k.toLowerCase())));
}

/**
 * The fields of a removed region that triage keeps, as `key=value` pairs: first occurrence of each key, none
 * from inside a content field (a tool call's `id` inside `messages` says nothing about the request).
 * `strict` (the scan may be inside text it cannot delimit) keeps only numbers and known status words.
 */
export function keptFields(pairs: Pair[], strict = false): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of pairs) {
    if (out.length >= MAX_KEPT) {
      break;
    }
    const v = insideContent(p) ? undefined : keptValue(p, strict);
    const name = p.key.toLowerCase() === 'type' ? 'finish_reason' : p.key;
    if (v !== undefined && !seen.has(name)) {
      seen.add(name);
      out.push(`${name}=${v}`);
    }
  }
  return out;
}
