import {
  describe as describeFailure,
  decodeBody,
  HttpError,
  mustNotRedirect,
  serverMessage,
  statusFailure,
  textTransport,
  urlWithParams,
  type Http,
  type HttpFailure,
} from './http';

describe('serverMessage', () => {
  it.each([
    [{ message: 'Permission denied' }, 'Permission denied'], // Grafana
    [{ error: { message: 'model x does not exist', type: 'NotFoundError' } }, 'model x does not exist'], // OpenAI / vLLM >= 0.10.1
    [{ object: 'error', message: 'flat vLLM error', type: 'BadRequestError' }, 'flat vLLM error'], // vLLM < 0.10.1
    [{ error: 'Unauthorized' }, 'Unauthorized'], // vLLM with --api-key
    [{ status: 'error', errorType: 'bad_data', error: 'parse error at char 5' }, 'parse error at char 5'], // Prometheus
    ['<html>502 Bad Gateway</html>\n', '<html>502 Bad Gateway</html>'],
    [{ nothing: 1 }, undefined],
    [42, undefined],
  ])('%j → %j', (body, msg) => {
    expect(serverMessage(body)).toBe(msg);
  });

  it('removes control characters and cuts long text: server text is untrusted', () => {
    expect(serverMessage({ message: 'a\u001b[31mb\nc' })).toBe('a [31mb c');
    expect(serverMessage('x'.repeat(1000))).toHaveLength(300);
  });
});

describe('describe()', () => {
  const http = (status: number, body: unknown = {}): HttpFailure => statusFailure(status, body, 'http://prom:9090/api/v1/rules?x=1');

  it('says who answered what, then what to do, choosing advice by status before kind', () => {
    const advice = { 403: 'Ask for alert.rules:read.', http: 'Check the data source.' };
    expect(describeFailure(http(403, { message: 'denied' }), { what: 'The rules API', advice })).toBe(
      'The rules API answered HTTP 403: denied. Ask for alert.rules:read.'
    );
    expect(describeFailure(http(500, ''), { what: 'The rules API', advice })).toBe('The rules API answered HTTP 500. Check the data source.');
  });

  it('names the URL without its query when no name is given', () => {
    expect(describeFailure(http(404, { error: 'not found' }))).toBe('http://prom:9090/api/v1/rules answered HTTP 404: not found.');
    expect(describeFailure({ kind: 'network', message: 'ECONNREFUSED' })).toBe('The server could not be reached (ECONNREFUSED).');
  });

  it('timeouts, network failures and redirects each read as a sentence', () => {
    const advice = { timeout: 'Try again later.', network: 'Is it running?' };
    expect(describeFailure({ kind: 'timeout', message: 'no answer within 30 s' }, { what: 'vLLM', advice })).toBe(
      'vLLM did not answer in time (no answer within 30 s). Try again later.'
    );
    expect(describeFailure({ kind: 'network', message: 'ENOTFOUND' }, { what: 'Grafana', advice })).toBe(
      'Grafana could not be reached (ENOTFOUND). Is it running?'
    );
    expect(describeFailure({ kind: 'redirect', status: 302, message: 'redirect', location: 'https://login.example/' }, { what: 'Grafana' })).toBe(
      'Grafana answered with a redirect (HTTP 302) to https://login.example/; it was not followed, so nothing was sent there. Use https://login.example/ as the address.'
    );
  });

  it('HttpError carries the failure and the sentence', () => {
    const e = new HttpError({ kind: 'network', message: 'offline' });
    expect(e.message).toBe('The server could not be reached (offline).');
    expect(e.failure.kind).toBe('network');
  });
});

describe('request helpers', () => {
  it('urlWithParams appends encoded parameters', () => {
    expect(urlWithParams('/api/annotations', { tags: 'incident', limit: 100 })).toBe('/api/annotations?tags=incident&limit=100');
    expect(urlWithParams('/q?a=1', { b: 'x y&z' })).toBe('/q?a=1&b=x+y%26z');
    expect(urlWithParams('/q', {})).toBe('/q');
  });

  it('refuses redirects where a body or credentials are sent, unless told', () => {
    expect(mustNotRedirect({ url: '/x' })).toBe(false);
    expect(mustNotRedirect({ url: '/x', body: { prompt: 'p' } })).toBe(true);
    expect(mustNotRedirect({ url: '/x', headers: { authorization: 'Bearer k' } })).toBe(true);
    expect(mustNotRedirect({ url: '/x', body: 'b', redirect: 'follow' })).toBe(false);
    expect(mustNotRedirect({ url: '/x', redirect: 'refuse' })).toBe(true);
  });

  it('decodeBody gives JSON when it parses, else the text', () => {
    expect(decodeBody('{"a":1}')).toEqual({ a: 1 });
    expect(decodeBody('Bad Gateway')).toBe('Bad Gateway');
    expect(decodeBody('')).toBeUndefined();
  });
});

describe('textTransport', () => {
  const signal = new AbortController().signal;

  it('passes the request on with redirects refused, and hands back status and text of any HTTP answer', async () => {
    const seen: unknown[] = [];
    const http: Http = async (req) => {
      seen.push(req);
      return req.method === 'GET'
        ? { ok: true, status: 200, data: { data: [{ id: 'm' }] } }
        : { ok: false, error: statusFailure(401, { error: 'Unauthorized' }) };
    };
    const t = textTransport(http);
    const ok = await t('http://v/v1/models', { method: 'GET', headers: { A: 'b' }, signal });
    expect([ok.status, JSON.parse(await ok.text())]).toEqual([200, { data: [{ id: 'm' }] }]);
    const denied = await t('http://v/v1/chat/completions', { method: 'POST', headers: {}, body: '{"p":1}', signal });
    expect([denied.status, await denied.text()]).toEqual([401, '{"error":"Unauthorized"}']);
    expect(seen[1]).toEqual({ url: 'http://v/v1/chat/completions', method: 'POST', headers: {}, body: '{"p":1}', signal, redirect: 'refuse' });
  });

  it('throws when there was no answer, as fetch does', async () => {
    const t = textTransport(async () => ({ ok: false, error: { kind: 'network', message: 'ECONNREFUSED' } }));
    await expect(t('http://v/x', { method: 'GET', headers: {}, signal })).rejects.toThrow('could not be reached (ECONNREFUSED)');
  });
});
