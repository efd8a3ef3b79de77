// The request/response log lines of the inference servers this stack runs or may run, read from each server's
// source (file and function cited on each rule). A rule names the fixed text a server writes before the payload;
// everything after it is the payload and is removed except the fields triage keeps (see keys.ts).

export type Server = 'vllm' | 'sglang' | 'litellm' | 'ollama' | 'generic';

export interface HeadRule {
  id: string;
  server: Server;
  /** Matches the fixed text; the payload starts where the match ends (or at `payloadAt` when set). */
  re: RegExp;
  /** For rules that match the start of a payload structure: keep only what precedes the match. */
  payloadAt?: 'match-start';
  /** The rule recognises a whole JSON log line (other JSON lines are read field by field). */
  json?: boolean;
  /** The server writes the payload on the following lines when nothing follows the head on this one. */
  announces?: 'value' | 'curl';
  /** Only a payload with a content field (string or structure) counts; the same message also logs lengths. */
  needsContent?: boolean;
  /**
   * A payload left open at the end of a line continues until a line that starts a new record of this server's
   * log format. Set where the scan cannot tell where the record ends: a long line split by journald (LineMax)
   * may be cut where the scan is back at top level, and some servers wrote strings unescaped.
   */
  recordStart?: RegExp;
}

// SGLang's configure_logger (python/sglang/srt/utils.py, later utils/common.py): "[%(asctime)s{prefix}] %(message)s"
// with datefmt "%H:%M:%S", "%Y-%m-%d %H:%M:%S" or "%m-%d %H:%M:%S" and prefix such as " TP0" or " DP0 TP0".
// vLLM's logger (vllm/logger.py _FORMAT / _DATE_FORMAT): "%(levelname)s %(asctime)s [%(filename)s:%(lineno)d]
// %(message)s" with "%m-%d %H:%M:%S" (before v0.6 "… %(filename)s:%(lineno)d] …"); V1 engine processes prefix
// "(APIServer pid=N) ". uvicorn's access/error lines ("INFO:     …") come from the same process.
const VLLM_RECORD = /^(?:\(\w+ pid=\d+\) )?(?:(?:DEBUG|INFO|WARNING|ERROR|CRITICAL) \d\d-\d\d \d\d:\d\d:\d\d |(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):\s)/;
// LiteLLM's formatter (litellm/_logging.py): "\033[92m%(asctime)s - %(name)s:%(levelname)s\033[0m: …" with "%H:%M:%S".
const LITELLM_RECORD = /^(?:\u001b\[\d+m)?\d\d:\d\d:\d\d - LiteLLM|^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):\s/;
const SGLANG_RECORD = /^\[(?:\d{4}-)?(?:\d\d-\d\d )?\d\d:\d\d:\d\d(?: [^\]]*)?\] /;

export const HEAD_RULES: HeadRule[] = [
  // vLLM v0.2–v0.4, vllm/engine/async_llm_engine.py AsyncLLMEngine.add_request / generate:
  //   "Received request %s: prompt: %r, sampling params: %s, prompt token ids: %s."  (later sampling_params:,
  //   prompt_token_ids:, lora_request:).
  // vLLM v0.5–v0.9, vllm/entrypoints/logger.py RequestLogger.log_inputs:
  //   "Received request %s: prompt: %r, params: %s, prompt_token_ids: %s, [prompt_embeds shape: %s, ]
  //    lora_request: %s, prompt_adapter_request: %s."
  // vLLM v0.10+, vllm/entrypoints/logger.py and vllm/entrypoints/serve/utils/request_logger.py
  //   RequestLogger.log_inputs (INFO): "Received request %s: params: %s, lora_request: %s." — params are the
  //   customer's SamplingParams (stop strings, structured-output schemas), and some builds append
  //   ", prompt: %r" / ", prompt_token_ids: [...]" (_prompt_summary_for_info).
  { id: 'vllm-received', server: 'vllm', re: /\bReceived request \S+: (?=prompt|params|sampling)/, recordStart: VLLM_RECORD },
  // vLLM v0.10+, RequestLogger.log_inputs (DEBUG): "Request %s details: prompt: %r, prompt_token_ids: %s,
  // prompt_embeds shape: %s."
  { id: 'vllm-details', server: 'vllm', re: /\bRequest \S+ details: (?=prompt)/, recordStart: VLLM_RECORD },
  // vLLM v0.10+, RequestLogger.log_request_body (DEBUG): "Request %s JSON body: %s", the body cut to
  // max_log_len (so often truncated JSON, and with max_log_len unset cut by [:-1]).
  { id: 'vllm-json-body', server: 'vllm', re: /\bRequest \S+ JSON body: /, recordStart: VLLM_RECORD },
  // vLLM v0.10+, RequestLogger.log_outputs (INFO, --enable-log-outputs): "Generated response %s%s: output: %r,
  // output_token_ids: %s, finish_reason: %s" (later without output_token_ids), %s%s being the id and
  // " (streaming delta)" / " (streaming complete)"; DEBUG "Generated response %s%s details: output_token_ids: %s".
  {
    id: 'vllm-generated',
    server: 'vllm',
    re: /\bGenerated response \S+?(?: \(streaming (?:delta|complete)\))?(?: details)?: (?=output)/,
    recordStart: VLLM_RECORD,
  },
  // SGLang, python/sglang/srt/managers/tokenizer_manager.py TokenizerManager.generate_request /
  // _wait_one_response (--log-requests) and python/sglang/srt/utils/request_logger.py
  // RequestLogger.log_received_request / log_finished_request (text format): "Receive: obj=%s" and
  // "Finish: obj=%s, out=%s" with dataclass_to_string_truncated (reprs; long strings as 'head' ... 'tail').
  // An older dataclass_to_string_truncated wrote strings as "…" without escaping: multi-line, quotes inside.
  { id: 'sglang-text', server: 'sglang', re: /\b(?:Receive|Finish): obj=/, recordStart: SGLANG_RECORD },
  // SGLang before the above, tokenizer_manager.py: logger.info(f"in={obj}, out={out}") (dataclass repr).
  { id: 'sglang-in-out', server: 'sglang', re: /\bin=(?:Tokenized)?(?:GenerateReqInput|EmbeddingReqInput|RewardReqInput)\(/, payloadAt: 'match-start', recordStart: SGLANG_RECORD },
  // SGLang --log-requests-format json, request_logger.py RequestLogger._log_json:
  // {"timestamp": ..., "event": "request.received" | "request.finished", "rid": ..., "obj": {...}, "out": {...}}
  { id: 'sglang-json', server: 'sglang', re: /^\s*\{.*"event": ?"request\.(?:received|finished)"/, payloadAt: 'match-start', json: true },
  // LiteLLM proxy, litellm/proxy/proxy_server.py chat_completion / completion (and the batches, files and
  // fine-tuning endpoints): verbose_proxy_logger.debug("Request received by LiteLLM:\n{}".format(
  // json.dumps(data, indent=4))) — the JSON, one field per journal line, follows.
  { id: 'litellm-received', server: 'litellm', re: /\bRequest received by LiteLLM:/, announces: 'value' },
  // LiteLLM, litellm/litellm_core_utils/litellm_logging.py Logging.pre_call: "\n\nPOST Request Sent from
  // LiteLLM:\ncurl -X POST \\\n<api_base> \\\n-H '…' \\\n-d '<str(data)>'\n" (Bedrock/SageMaker: "Request Sent
  // from LiteLLM:" and the request string).
  { id: 'litellm-curl', server: 'litellm', re: /\b(?:POST )?Request Sent from LiteLLM:/, announces: 'curl', recordStart: LITELLM_RECORD },
  // LiteLLM SDK debug "Request to litellm:" followed by `litellm.completion(model=…, messages=[…])`: unconfirmed
  // (not found in the source read); both readings, the call on the same line or on the next, are caught by the
  // generic rule (messages=[…] is a chat payload wherever it stands), so no rule of its own.
  // LiteLLM, litellm_logging.py Logging.post_call: print_verbose(f"RAW RESPONSE:\n{original_response}\n\n").
  { id: 'litellm-raw-response', server: 'litellm', re: /\bRAW RESPONSE:/, announces: 'value' },
  // Ollama before v0.1.23, server/routes.go GenerateHandler/ChatHandler: slog.Debug(fmt.Sprintf("prompt: %s",
  // prompt)) — the prompt is the message itself: msg="prompt: …".
  { id: 'ollama-msg-prompt', server: 'ollama', re: /\bmsg=(?="prompt: )/ },
  // Ollama, server/routes.go (OLLAMA_DEBUG=1), slog text handler with AddSource:
  //   v0.1.23–v0.2.1: msg="generate handler" prompt=… / template=… / system=…, msg="chat handler" prompt=…
  //   v0.2.2–v0.6.x:  msg="generate request" prompt="…" images=[…] (later images=N), msg="chat request" images=N
  //                   prompt="…"; v0.5.12–v0.6.x runner/ollamarunner: msg="embedding request" content="…".
  // v0.7.0–v0.29 (llm/server.go llmServer.Completion/Embedding) log the text at TRACE (OLLAMA_DEBUG=2):
  //   msg="completion request" prompt="…", msg="embedding request" input="…"; at DEBUG prompt=<length>.
  // v0.30+ (llm/llama_server.go) logs lengths only.
  {
    id: 'ollama-request',
    server: 'ollama',
    re: /\bmsg="?(?:chat|generate|completion|embedding) (?:request|handler)"?/,
    needsContent: true,
  },
];
