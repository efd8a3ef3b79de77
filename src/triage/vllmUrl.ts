// The vLLM URL a command line is given: http(s) only, no credentials in it (they would be echoed in messages and
// sent with every request; the key comes from VLLM_API_KEY), normalised to the server root.
export type VllmUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** Checks and normalises a vLLM base URL (`http://spark-host:8000/v1/` → `http://spark-host:8000`). */
export function checkVllmUrl(raw: string): VllmUrlCheck {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    // Not echoed: a mistyped URL may still hold a password.
    return { ok: false, message: '--vllm is not a URL: give the server root, e.g. http://spark-host:8000' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return {
      ok: false,
      message: `--vllm must be an http:// or https:// URL, not ${u.protocol}; e.g. http://spark-host:8000`,
    };
  }
  if (u.username || u.password) {
    u.username = '';
    u.password = '';
    return {
      ok: false,
      message: `--vllm ${u.origin} must not carry a user or password in the URL: put the API key in VLLM_API_KEY`,
    };
  }
  return { ok: true, url: `${u.origin}${u.pathname}`.replace(/\/+$/, '').replace(/\/v1$/, '') };
}
